module kiln.test/timelinesvc

go 1.19
