# PAR INDEX 2020, the five leading provinces from their published block points:
# result = points obtained ÷ points possible × 100 %.
chiso score --index par_index --input docs/samples/par/blocks_2020.csv --year 2020
