//! The published tables bundled with chiso, by name (`datasets` feature).
//!
//! Every table is the CSV file the project tests against (`examples/data/`, `tests/coinr/`,
//! `units/`), embedded in the crate as written, with where it comes from and under what terms:
//!
//! ```
//! use chiso::{datasets, CsvOptions, ScoreOptions};
//! let pci = datasets::load("pci")?;
//! assert_eq!(pci.info().source.split(';').next(), Some("VCCI (Vietnam Chamber of Commerce and Industry), Provincial Competitiveness Index, pcivietnam.vn"));
//! // Score a published year with its preset: the data keeps the published composite.
//! let options = CsvOptions { unit_column: "province".into(), ..Default::default() };
//! let data = pci.to_dataset(&options)?;
//! let scores = chiso::score(&chiso::presets::get("pci")?, &data, &ScoreOptions { year: Some(2018), ..Default::default() })?;
//! let first = scores.rows.iter().find(|row| row.rank == 1).unwrap();
//! assert_eq!((first.unit.as_str(), format!("{:.2}", first.score)), ("Quảng Ninh", "70.36".into()));
//! assert!(datasets::load("pcii").unwrap_err().to_string().contains("available datasets: pci, "));
//! # Ok::<(), chiso::Error>(())
//! ```
//!
//! The bindings reach the same tables: Python `chiso.datasets.load("pci")` (a pandas
//! DataFrame with the source and licence in `df.attrs`), the npm package's `datasets.load`
//! (the CSV files shipped beside the WebAssembly module) and `chiso datasets` on the command
//! line.

use serde::Serialize;

use crate::data::{CsvOptions, Dataset};
use crate::error::DataError;

/// One documented column of a bundled table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ColumnInfo {
    /// The header, exactly as in the CSV file.
    pub name: &'static str,
    /// What the column holds.
    pub description: &'static str,
}

/// What a bundled table is and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DatasetInfo {
    /// The name to load it by, e.g. `pci`.
    pub name: &'static str,
    /// The CSV file's name (in the crate's `datasets/` or `units/`, the npm package's
    /// `data/datasets/`).
    pub file: &'static str,
    /// One line: what the table holds.
    pub title: &'static str,
    /// Years, units, gaps and precision.
    pub description: &'static str,
    /// Publisher and the copies the file was made from.
    pub source: &'static str,
    /// The terms the data comes under, as the sources state them.
    pub licence: &'static str,
    /// Number of data rows (the header not counted).
    pub rows: usize,
    /// The columns, in file order.
    pub columns: &'static [ColumnInfo],
}

/// A bundled table: its description and its CSV text (UTF-8, `,`-separated, `.` decimals,
/// empty cells for missing values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bundled {
    info: &'static DatasetInfo,
    csv: &'static str,
}

impl Bundled {
    /// What the table is, its source and licence.
    pub fn info(&self) -> &'static DatasetInfo {
        self.info
    }

    /// The CSV text as shipped.
    pub fn csv(&self) -> &'static str {
        self.csv
    }

    /// The table as a [`Dataset`] for scoring (the unit column is `options.unit_column`,
    /// e.g. `province` for the PCI and PAPI tables, `uCode` for ASEM).
    pub fn to_dataset(&self, options: &CsvOptions) -> Result<Dataset, DataError> {
        Dataset::from_csv_str(self.csv, options)
    }
}

/// Every bundled table, in the order [`list`] gives.
pub fn list() -> &'static [DatasetInfo] {
    &INFOS
}

/// The bundled table called `name`; an unknown name is an error listing the known ones.
pub fn load(name: &str) -> Result<Bundled, DataError> {
    INFOS.iter().zip(CSV).find(|(info, _)| info.name == name).map(|(info, csv)| Bundled { info, csv }).ok_or_else(
        || DataError::UnknownDataset {
            name: name.to_owned(),
            available: INFOS.iter().map(|i| i.name).collect::<Vec<_>>().join(", "),
        },
    )
}

/// The CSV text of each table, in the order of [`INFOS`].
const CSV: [&str; 10] = [
    include_str!("../datasets/pci_subindices.csv"),
    include_str!("../datasets/pci_top_2019_2020.csv"),
    include_str!("../datasets/pci_indicators.csv"),
    include_str!("../datasets/pci_indicator_names.csv"),
    include_str!("../datasets/papi_dimensions.csv"),
    include_str!("../datasets/papi_subdimensions.csv"),
    include_str!("../datasets/asem_data.csv"),
    include_str!("../datasets/asem_meta.csv"),
    include_str!("../units/provinces_2025.csv"),
    include_str!("../units/provinces_2008.csv"),
];

const PCI_SOURCE: &str = "VCCI (Vietnam Chamber of Commerce and Industry), Provincial Competitiveness Index, \
pcivietnam.vn; 2006–2016 from VCCI's summary spreadsheets as kept in github.com/mdtrinh/vietnamdata \
(data-raw/PCI/), 2013–2018 from VCCI's workbooks as kept in github.com/mdtrinh/vietnam_elections (Data/PCI/, \
2017–2018 added in commit c1bd5b2c4499a5c1b7c7d6193fe3994afdf616de); province spellings normalised across years";
const PCI_LICENCE: &str = "published results of VCCI (© VCCI); VCCI states no open licence: cite VCCI's PCI \
when you use them. The compilation in mdtrinh/vietnamdata is released under CC0 1.0; mdtrinh/vietnam_elections \
states no licence";
const PCI_INDICATORS_LICENCE: &str = "published results of VCCI (© VCCI); VCCI states no open licence: cite \
VCCI's PCI when you use them. mdtrinh/vietnam_elections, the copy they were read from, states no licence";
const PAPI_SOURCE: &str = "UNDP, CECODES and VFF-CRT, the Viet Nam Provincial Governance and Public \
Administration Performance Index (PAPI), papi.org.vn; the spreadsheets as kept in github.com/mdtrinh/vietnamdata \
(2011–2016, data-raw/PAPI/), github.com/hnks-gh/ml-mcdm (2017–2024 sub-dimensions, data/csv/) and \
github.com/tunah72/papi-dashboard (2019–2024 totals, cross-check of the dimensions)";
const PAPI_LICENCE: &str = "published results of UNDP, CECODES and VFF-CRT; the publishers state no open \
licence: cite PAPI when you use them. The compilation in mdtrinh/vietnamdata is released under CC0 1.0; \
hnks-gh/ml-mcdm and tunah72/papi-dashboard state no licence";
const ASEM_SOURCE: &str = "the ASEM Sustainable Connectivity Portal index (European Commission, Joint Research \
Centre) as shipped in the R package COINr 1.1.14 (ASEM_iData, ASEM_iMeta; W. Becker, \
github.com/bluefoxr/COINr, commit b9682034635df03279896b6cb025cd3534f82cbb), written out by \
scripts/coinr_reference.R";
const ASEM_LICENCE: &str = "MIT (COINr, copyright 2022 William Becker)";
const UNITS_SOURCE: &str = "chiso's own table of Vietnam's provincial-level changes, from the National \
Assembly's resolutions (22/2003/QH11, 15/2008/QH12, 175/2024/QH15, 202/2025/QH15) and the press reports \
listed in crates/chiso/units/README.md";
const UNITS_LICENCE: &str = "MIT OR Apache-2.0 (chiso); the resolutions themselves are legal documents, \
not protected by copyright in Viet Nam (Law on Intellectual Property, article 15)";

const PCI_COLUMNS: &[ColumnInfo] = &[
    col("year", "edition year"),
    col("province", "province name, one spelling across years (e.g. TP. Hồ Chí Minh)"),
    col("province_ascii", "the name without diacritics"),
    col("entry_costs", "sub-index 1, entry costs (1–10)"),
    col("land_access", "sub-index 2, land access and security of tenure (1–10)"),
    col("transparency", "sub-index 3, transparency (1–10)"),
    col("time_costs", "sub-index 4, time costs of regulatory compliance (1–10)"),
    col("informal_charges", "sub-index 5, informal charges (1–10)"),
    col("policy_bias", "sub-index 6, policy bias (1–10; empty where the edition had none)"),
    col("proactivity", "sub-index 7, proactivity of provincial leadership (1–10)"),
    col("business_support", "sub-index 8, business support services (1–10)"),
    col("labor_policy", "sub-index 9, labour training (1–10)"),
    col("legal_institutions", "sub-index 10, legal institutions (1–10)"),
    col("pci_published", "the weighted PCI composite as published"),
    col("rank_published", "the published rank"),
    col("tier_published", "the published tier label (Vietnamese) where the source has one"),
];

const PAPI_COLUMNS: &[ColumnInfo] = &[
    col("year", "edition year"),
    col("province", "province name"),
    col("province_ascii", "the name without diacritics"),
    col("participation", "dimension 1, participation at local levels (1–10)"),
    col("transparency", "dimension 2, transparency in local decision-making (1–10)"),
    col("vertical_accountability", "dimension 3, vertical accountability towards citizens (1–10)"),
    col("control_of_corruption", "dimension 4, control of corruption in the public sector (1–10)"),
    col("public_admin_procedures", "dimension 5, public administrative procedures (1–10)"),
    col("public_service_delivery", "dimension 6, public service delivery (1–10)"),
    col("environmental_governance", "dimension 7, environmental governance (1–10; from 2018)"),
    col("e_governance", "dimension 8, e-governance (1–10; from 2018)"),
    col("total_published", "the unweighted PAPI total as published (sum of the dimensions)"),
    col("rank_published", "empty: the sources carry no ranks (rank by the total)"),
];

const ASEM_COLUMNS: &[ColumnInfo] = &[
    col("uCode", "ISO 3166 alpha-3 code of the country (the unit)"),
    col("uName", "country name"),
    col("GDP_group", "GDP group (S, M, L, XL)"),
    col("GDPpc_group", "GDP per capita group (S, M, L, XL)"),
    col("Pop_group", "population group (S, M, L, XL)"),
    col("EurAsia_group", "Europe or Asia"),
    col("LPI", "Logistics Performance Index (pillar Physical; higher is better)"),
    col("Flights", "International flights passenger capacity (pillar Physical; higher is better)"),
    col("Ship", "Liner Shipping Connectivity Index (pillar Physical; higher is better)"),
    col("Bord", "Border crossings (pillar Physical; higher is better)"),
    col("Elec", "Trade in electricity (pillar Physical; higher is better)"),
    col("Gas", "Trade in gas (pillar Physical; higher is better)"),
    col("ConSpeed", "Average connection speed (pillar Physical; higher is better)"),
    col("Cov4G", "Population covered by at least a 4G mobile network (pillar Physical; higher is better)"),
    col("Goods", "Trade in goods (pillar ConEcFin; higher is better)"),
    col("Services", "Trade in services (pillar ConEcFin; higher is better)"),
    col("FDI", "Foreign direct investment (pillar ConEcFin; higher is better)"),
    col("PRemit", "Personal remittances (received and paid) (pillar ConEcFin; higher is better)"),
    col("ForPort", "Foreign portfolio investment liabilities and assets (pillar ConEcFin; higher is better)"),
    col("Embs", "Embassies network (pillar Political; higher is better)"),
    col("IGOs", "Participation in international intergovernmental organisations (pillar Political; higher is better)"),
    col("UNVote", "UN voting alignment (pillar Political; higher is better)"),
    col("CostImpEx", "Cost to export/import (pillar Instit; lower is better)"),
    col("Tariff", "Mean tariff rate (pillar Instit; lower is better)"),
    col("TBTs", "Technical barriers to trade (pillar Instit; lower is better)"),
    col("TIRcon", "Signatory of TIR Convention (pillar Instit; higher is better)"),
    col("RTAs", "Regional trade agreements (pillar Instit; higher is better)"),
    col("Visa", "Visa-free or visa-on-arrival (pillar Instit; higher is better)"),
    col("StMob", "International student mobility in tertiary education (pillar P2P; higher is better)"),
    col("Research", "Research outputs with international collaborations (pillar P2P; higher is better)"),
    col("Pat", "Patents with foreign co-inventor (pillar P2P; higher is better)"),
    col("CultServ", "Trade in cultural services (pillar P2P; higher is better)"),
    col("CultGood", "Trade in cultural goods (pillar P2P; higher is better)"),
    col("Tourist", "Tourist arrivals at national borders (pillar P2P; higher is better)"),
    col("MigStock", "Migrant stock (pillar P2P; higher is better)"),
    col("Lang", "Common languages users (pillar P2P; higher is better)"),
    col("Renew", "Renewable energy in total final energy consumption (pillar Environ; higher is better)"),
    col("PrimEner", "Primary energy use per GDP (pillar Environ; lower is better)"),
    col("CO2", "CO2 emissions per capita (pillar Environ; lower is better)"),
    col("MatCon", "Domestic material consumption per capita (pillar Environ; lower is better)"),
    col("Forest", "Net forest loss (pillar Environ; lower is better)"),
    col("Poverty", "Population living below the international poverty line (pillar Social; lower is better)"),
    col("Palma", "Palma Index (pillar Social; lower is better)"),
    col("TertGrad", "Tertiary graduates (pillar Social; higher is better)"),
    col("FreePress", "Freedom of the press (pillar Social; lower is better)"),
    col("TolMin", "Tolerance for minorities (pillar Social; lower is better)"),
    col("NGOs", "Presence of international non-governmental organisations (pillar Social; higher is better)"),
    col("CPI", "Corruption Perceptions Index (pillar Social; higher is better)"),
    col("FemLab", "Female labour-force participation (pillar Social; higher is better)"),
    col("WomParl", "Women's participation in national parliaments (pillar Social; higher is better)"),
    col("PubDebt", "Public debt as a percentage of GDP (pillar SusEcFin; lower is better)"),
    col("PrivDebt", "Private debt, loans and debt securities as percentage of GDP (pillar SusEcFin; lower is better)"),
    col("GDPGrow", "GDP per capita growth (pillar SusEcFin; higher is better)"),
    col("RDExp", "R&D expenditure as a percentage of GDP (pillar SusEcFin; higher is better)"),
    col("NEET", "Proportion of youth not in education, employment or training (pillar SusEcFin; lower is better)"),
];

const UNIT_COLUMNS: &[ColumnInfo] = &[
    col("old_province", "the unit before the change (PCI spelling)"),
    col("old_province_ascii", "the old name without diacritics"),
    col("new_province", "the unit after the change"),
    col("new_province_ascii", "the new name without diacritics"),
    col("new_capital", "the city of the new unit's seat"),
    col("effective_date", "the date the change took effect (YYYY-MM-DD)"),
    col("note", "the legal basis and details"),
];

const UNIT_2008_COLUMNS: &[ColumnInfo] = &[
    col("old_province", "the unit before the change (PCI spelling)"),
    col("old_province_ascii", "the old name without diacritics"),
    col("new_province", "the unit after the change"),
    col("new_province_ascii", "the new name without diacritics"),
    col("new_capital", "the city of the new unit's seat"),
    col("effective_date", "the date the change took effect (YYYY-MM-DD)"),
    col("change_type", "split (one row per successor), merge (the absorbing unit maps to itself too) or rename"),
    col("note", "the legal basis and details"),
];

const fn col(name: &'static str, description: &'static str) -> ColumnInfo {
    ColumnInfo { name, description }
}

/// The descriptions, in the order of [`CSV`] (`tests/datasets.rs` checks the columns and row
/// counts against the files).
static INFOS: [DatasetInfo; 10] = [
    DatasetInfo {
        name: "pci",
        file: "pci_subindices.csv",
        title: "PCI sub-indices, composites, ranks and tiers as published, every province, 2006 and 2013–2018",
        description: "One row per province and year: 2006 (64 provinces, Hà Tây still separate) and 2013–2018 \
(63 each). Sub-indices keep every digit of the source spreadsheets, so the composite recomputed with the \
era's weights matches pci_published to about 1e-5 and ranks match exactly. 2017 and 2018 have no tier column \
in the sources. Score it with the `pci` preset (unit column `province`).",
        source: PCI_SOURCE,
        licence: PCI_LICENCE,
        rows: 442,
        columns: PCI_COLUMNS,
    },
    DatasetInfo {
        name: "pci_top_2019_2020",
        file: "pci_top_2019_2020.csv",
        title: "PCI 2019 and 2020: the leading provinces as published, rounded to 2 decimals",
        description: "2019: ranks 1–23 without 14 (Hồ Chí Minh City is shown without scores on the source page); \
2020: ranks 1–21. Values are rounded to 2 decimals, so recomputed composites match only within about 0.02 and \
near-ties can swap.",
        source: "VCCI, the PCI 2019 and 2020 tables on pcivietnam.vn",
        licence: "published results of VCCI (© VCCI); VCCI states no open licence: cite VCCI's PCI when you use them",
        rows: 43,
        columns: PCI_COLUMNS,
    },
    DatasetInfo {
        name: "pci_indicators",
        file: "pci_indicators.csv",
        title: "PCI indicators behind each sub-index, every province, 2013–2018 (long format)",
        description: "One row per year, sub-index, indicator and province. indicator_no is the indicator's \
position in that year's sub-index sheet; names are in pci_indicator_names. The 2013 legal-institutions rows \
that VCCI's workbook attaches to the wrong provinces are moved to the province whose published sub-index \
equals the row's value.",
        source: "VCCI, the PCI workbooks with one sheet per sub-index (2013–2018), as kept in \
github.com/mdtrinh/vietnam_elections (Data/PCI/, 2017–2018 added in commit c1bd5b2c4499a5c1b7c7d6193fe3994afdf616de)",
        licence: PCI_INDICATORS_LICENCE,
        rows: 44_037,
        columns: &[
            col("year", "edition year"),
            col("sub_index", "the sub-index id (as in the pci dataset)"),
            col("indicator_no", "the indicator's position in that year's sub-index sheet"),
            col("province", "province name"),
            col("value", "the indicator value as published"),
        ],
    },
    DatasetInfo {
        name: "pci_indicator_names",
        file: "pci_indicator_names.csv",
        title: "PCI indicator names as printed by VCCI, 2013–2018",
        description: "English in 2013 and 2017–2018, Vietnamese in 2014–2016; NFC, trimmed, inner line breaks \
collapsed. Names change between years, so an indicator's identity across years is a judgement, not a key.",
        source: "VCCI, the PCI workbooks (2013–2018), as kept in github.com/mdtrinh/vietnam_elections (Data/PCI/)",
        licence: PCI_INDICATORS_LICENCE,
        rows: 699,
        columns: &[
            col("year", "edition year"),
            col("sub_index", "the sub-index id"),
            col("indicator_no", "the indicator's position in that year's sub-index sheet"),
            col("indicator", "the indicator's name as printed"),
        ],
    },
    DatasetInfo {
        name: "papi",
        file: "papi_dimensions.csv",
        title: "PAPI dimension scores and totals as published, every province, 2011–2013, 2016, 2019, 2021–2024",
        description: "Six dimensions to 2016, eight from 2019; each dimension is 1–10 and the total is their plain \
sum. Gaps are the publisher's own: 2021 lacks Bắc Giang, Bắc Ninh and Quảng Ninh; 2022 has partial rows for \
Bắc Giang and Bắc Ninh (no total); 2023 lacks Quảng Ninh and Bình Dương; 2024 lacks Vĩnh Phúc and Tiền Giang. \
Score it with the `papi` preset (unit column `province`).",
        source: PAPI_SOURCE,
        licence: PAPI_LICENCE,
        rows: 560,
        columns: PAPI_COLUMNS,
    },
    DatasetInfo {
        name: "papi_subdimensions",
        file: "papi_subdimensions.csv",
        title: "PAPI sub-dimension scores, the same years in long form",
        description: "Each dimension equals the sum of its sub-dimensions (to about 2e-6). Sub-dimension labels \
follow each source's headers and change between editions.",
        source: PAPI_SOURCE,
        licence: PAPI_LICENCE,
        rows: 14_198,
        columns: &[
            col("year", "edition year"),
            col("province", "province name"),
            col("dimension", "the dimension id (as in the papi dataset)"),
            col("subdimension", "the sub-dimension's label as in the source"),
            col("score", "the sub-dimension score"),
        ],
    },
    DatasetInfo {
        name: "asem",
        file: "asem_data.csv",
        title: "COINr's ASEM example: 49 connectivity and sustainability indicators of 51 countries (2018)",
        description: "The raw indicators exactly as in COINr's ASEM_iData (row order kept; the Time column and the \
four denominators left out); 63 missing cells. The tree, directions and weights are in asem_meta; \
examples/coinr/asem.toml is the spec (unit column `uCode`).",
        source: ASEM_SOURCE,
        licence: ASEM_LICENCE,
        rows: 51,
        columns: ASEM_COLUMNS,
    },
    DatasetInfo {
        name: "asem_meta",
        file: "asem_meta.csv",
        title: "COINr's ASEM example: the indicators and aggregates, their parents, directions and weights",
        description: "49 indicators (level 1), 8 pillars (level 2), Conn and Sust (level 3) and Index (level 4); \
all weights 1; 14 indicators lower-is-better (Direction -1).",
        source: ASEM_SOURCE,
        licence: ASEM_LICENCE,
        rows: 60,
        columns: &[
            col("iCode", "indicator or aggregate code"),
            col("iName", "its name"),
            col("Level", "1 indicator, 2 pillar, 3 sub-index, 4 index"),
            col("Parent", "the aggregate one level up"),
            col("Direction", "1 higher is better, -1 lower is better"),
            col("Weight", "weight relative to its siblings"),
            col("Type", "Indicator or Aggregate"),
        ],
    },
    DatasetInfo {
        name: "provinces_2025",
        file: "provinces_2025.csv",
        title: "Vietnam's 2025 reorganisation: each of the 63 provincial-level units and the unit it became (34)",
        description: "Effective 2025-07-01 (Resolution 202/2025/QH15): 52 units merged into 23, 11 unchanged. \
One row per pre-reform unit; names in the PCI tables' spelling. Use it as a unit mapping to compare scores \
across the reform.",
        source: UNITS_SOURCE,
        licence: UNITS_LICENCE,
        rows: 63,
        columns: UNIT_COLUMNS,
    },
    DatasetInfo {
        name: "provinces_2008",
        file: "provinces_2008.csv",
        title: "Vietnam's other provincial-level changes since 2004: the 2004 splits, the 2008 merger, Huế 2025",
        description: "One row per (old, new) pair: the 2004 splits of Cần Thơ, Đắk Lắk and Lai Châu, the 2008 \
merger of Hà Tây into Hà Nội and the 2025-01-01 renaming of Thừa Thiên Huế as the city of Huế.",
        source: UNITS_SOURCE,
        licence: UNITS_LICENCE,
        rows: 9,
        columns: UNIT_2008_COLUMNS,
    },
];
