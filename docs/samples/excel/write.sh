# Scores to a workbook, then its sub-index sheet read back: the same composites.
out="$(mktemp -d)/pci_2018.xlsx"
chiso score --index pci --input examples/data/pci/pci_subindices.csv --unit-column province \
  --year 2018 --output "$out" 2>/dev/null >/dev/null
chiso score --index pci --input "$out" --sheet "Level 1" --year 2018 | sed -n 1,7p
