# ns per read against the container's task count, from bench/run's data:
#   gnuplot -e "dat='K.dat'; out='K-size.png'; ttl='...'" bench/size.gp
# Data lines: size-VIEW METHOD TASKS NS.
set terminal pngcairo size 1000,560 font "sans,11" background "white"
set output out
set title ttl
set logscale xy
set xrange [0.7:15000]
set xtics ("1" 1, "100" 100, "1,000" 1000, "10,000" 10000)
set xlabel "tasks in the container (threads, asleep)"
set ylabel "ns per call (guest instructions), log scale"
set key outside right
set grid
methods = "native driso lxcfs"
views = "loadavg stat sysinfo meminfo"
pick(v, m) = sprintf("< awk '$1 == \"size-%s\" && $2 == \"%s\"' '%s'", v, m, dat)
plot for [v = 1:4] for [i = 1:3] pick(word(views, v), word(methods, i)) using 3:4 \
	with linespoints lw 2 pt (4 + v) dt v lc i \
	title word(methods, i) . ", " . word(views, v)
