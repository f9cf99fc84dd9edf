# 2013–2016 print tiers (Rất tốt, Tốt, Khá, …): the preset's tier bands per year.
chiso score --index pci --input examples/data/pci/pci_subindices.csv \
  --unit-column province --year 2016 --lang vi | sed -n 1,8p
