# Per view: a container's read through driso and through lxcfs, and a host
# reader's with driso loaded, each divided by the same read natively.
#   bench/plots runs it: gnuplot -e "dat=...; out=...; ttl=...; fmt=...; term=..." bench/views.gp
# Data lines: VIEW DRISO LXCFS HOST (ratios; 0: not measured).
eval sprintf("set terminal " . term, 1000, 520)
set output out . "." . fmt
set title ttl
set logscale y
set yrange [0.3:100]
set ytics ("0.5x" 0.5, "1x" 1, "2x" 2, "5x" 5, "10x" 10, "20x" 20, "50x" 50)
set ylabel "÷ native (log scale; below 1x: cheaper than native)"
set grid ytics
set key top left
set xtics nomirror
set style fill solid 0.85 border -1
set boxwidth 0.26
set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 1.5 dt 2 lc rgb "#444444"
bar(v) = v > 0 ? v : NaN
plot dat using ($0 - 0.28):(bar($2)):xtic(1) with boxes lc rgb "#1f77b4" title "driso, a container's read", \
     dat using ($0):(bar($3)) with boxes lc rgb "#d62728" title "lxcfs, a container's read", \
     dat using ($0 + 0.28):(bar($4)) with boxes lc rgb "#7f7f7f" title "driso loaded, a host reader", \
     dat using ($0 - 0.28):(bar($2)):(sprintf("%.2f", $2)) with labels offset 0,0.7 font ",9" notitle, \
     dat using ($0):(bar($3)):(sprintf("%.0f", $3)) with labels offset 0,0.7 font ",9" notitle, \
     dat using ($0):($3 > 0 ? NaN : 0.45):("lxcfs: the\nhost's call") with labels font ",8" notitle
