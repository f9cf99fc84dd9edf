# Quảng Ninh DDCI 2020: the four district composites of our sources. Districts and
# departments are ranked apart (rank_within = "kind").
chiso score --index ddci --input docs/samples/ddci/quang_ninh_2020.csv
