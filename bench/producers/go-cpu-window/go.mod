module kiln.local/go-cpu-window

go 1.19
