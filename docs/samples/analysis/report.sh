# The province's one-page report, in Vietnamese, as Markdown (the first lines; --format html
# gives a standalone page with its charts).
chiso report --index pci --input examples/data/pci/pci_subindices.csv --unit-column province \
  --unit "Nam Định" --year 2018 --lang vi --format md | sed -n 1,16p
