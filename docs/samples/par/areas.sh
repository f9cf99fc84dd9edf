# 2012–2019: eight areas with their maxima (10, 10, 14.5, 11, 16, 7, 16, 15.5 = 100 points).
# The points here are an example of the format, not a province's published result.
chiso score --index par_index --input docs/samples/par/areas_2018.csv --format csv
