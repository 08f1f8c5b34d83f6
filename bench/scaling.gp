# ns per call (guest instructions) of native, driso and lxcfs against the
# container's task count, the number of containers and the nesting depth.
#   bench/plots runs it: gnuplot -e "tasks=...; ctrs=...; depth=...; out=...; ttl=...; fmt=...; term=..." bench/scaling.gp
# Data lines: VIEW METHOD X NS.
eval sprintf("set terminal " . term, 1500, 560)
set output out . "." . fmt
set multiplot title ttl
set size 0.28, 0.92
set origin 0, 0
set logscale xy
set yrange [500:20000000]
set ytics ("1,000" 1000, "10,000" 10000, "100,000" 100000, "1,000,000" 1000000, "10^7" 10000000)
set grid
set key at screen 0.995, 0.85 right top font ",10" spacing 1.1
methods = "native driso lxcfs"
colour(i) = word("#7f7f7f #1f77b4 #d62728", i)
views = "meminfo stat loadavg sysinfo"
pick(f, v, m) = sprintf("< awk '$1 == \"%s\" && $2 == \"%s\"' '%s'", v, m, f)
set ylabel "instructions per call (log scale)"

set title "tasks in the container (threads, asleep)"
set xrange [0.6:20000]
set xtics ("1" 1, "100" 100, "1,000" 1000, "10,000" 10000)
plot for [v = 1:4] for [i = 1:3] pick(tasks, word(views, v), word(methods, i)) using 3:4 \
	with linespoints lw 2 pt (4 + v) dt v lc rgb colour(i) title word(methods, i) . ", " . word(views, v)

unset ylabel
set origin 0.28, 0
set title "containers, each tracked"
set xrange [0.6:2000]
set xtics ("1" 1, "10" 10, "100" 100, "1,000" 1000)
plot for [v = 1:4] for [i = 1:3] pick(ctrs, word(views, v), word(methods, i)) using 3:4 \
	with linespoints lw 2 pt (4 + v) dt v lc rgb colour(i) notitle

set origin 0.56, 0
set title "nesting depth (the limit on the top cgroup)"
set xrange [0.8:40]
set xtics ("1" 1, "8" 8, "32" 32)
plot for [v = 1:4] for [i = 1:3] pick(depth, word(views, v), word(methods, i)) using 3:4 \
	with linespoints lw 2 pt (4 + v) dt v lc rgb colour(i) notitle
unset multiplot
