# The bundled published tables: names and rows (`chiso datasets` also prints each one's title,
# source and licence).
chiso datasets | grep -E '^[a-z0-9_]+  \(' | awk '{print $1, $2, $3}'
# One table as the CSV file it ships as: the leaders of PCI 2018 (composite, rank).
chiso datasets show pci --format csv | grep -E '^2018,' | cut -d, -f2,14,15 | sort -t, -k3n | head -n 3
