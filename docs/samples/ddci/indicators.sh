# From raw indicators: each rescaled to 1–10 between the lowest and highest value in the
# table (fewer days is better), sub-index = mean of its indicators, DDCI = 10 × mean of
# sub-indices; ranks are per kind. The rescaling spans every row given, so score districts
# and departments from separate tables when each group should be rescaled on its own.
chiso score --index ddci --input docs/samples/ddci/indicators.csv --components --format csv
