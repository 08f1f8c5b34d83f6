# ns per read of /proc/meminfo by method and N, from bench/run's data:
#   gnuplot -e "dat='K.dat'; out='K.png'; ttl='...'" bench/plot.gp
# Data lines: KEY METHOD N NS.
set terminal pngcairo size 900,500 font "sans,11" background "white"
set output out
set title ttl
set logscale xy
set xrange [5000:2000000]
set xtics ("10,000" 10000, "100,000" 100000, "1,000,000" 1000000)
set xlabel "N (reads per repetition)"
set ylabel "ns per read (guest instructions), log scale"
set key outside right
set grid
methods = "native driso host lxcfs"
label(i) = i == 3 ? "driso, host reader" : word(methods, i)
pick(op, m) = sprintf("< awk '$1 == \"%s\" && $2 == \"%s\"' '%s'", op, m, dat)
plot for [i = 1:4] pick("meminfo-pread", word(methods, i)) using 3:4 \
	with linespoints lw 2 pt 7 lc i title label(i) . ", pread", \
     for [i = 1:4] pick("meminfo-open", word(methods, i)) using 3:4 \
	with linespoints lw 2 pt 5 dt 2 lc i title label(i) . ", open+read+close"
