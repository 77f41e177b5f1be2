module kiln.test/regressionsvc

go 1.19
