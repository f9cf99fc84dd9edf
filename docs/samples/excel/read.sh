# VCCI's 2018 summary sheet as published (a bundled copy): headers, province spellings and the
# rows below the table are reported on standard error, shown here with the table.
chiso score --index pci --input tests/data/xlsx/PCI_2018_summary.xlsx --sheet Summary \
  --unit-column Province --year 2018 2>&1 | sed -n 1,12p
