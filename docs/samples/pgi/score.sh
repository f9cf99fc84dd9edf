# PGI = the plain sum of four sub-indices, each out of 10 ("out of 40").
chiso score --index pgi --input docs/samples/pgi/an_giang_2023.csv --components --format csv
