module kiln.local/go-wide-heap

go 1.19
