module kiln.test/goleak

go 1.19
