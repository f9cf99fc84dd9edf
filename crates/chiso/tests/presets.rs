#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every preset loads, validates and scores its worked example; PAPI against the published tables.

use std::collections::BTreeMap;

use chiso::{presets, score, CsvOptions, Dataset, ScoreOptions, Scores};

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn csv(text: &str) -> Dataset {
    Dataset::from_csv_str(text, &CsvOptions::default()).unwrap()
}

fn node(scores: &Scores, unit: &str, id: &str) -> f64 {
    let row = scores.rows.iter().find(|r| r.unit == unit).unwrap();
    if id == scores.index {
        return row.score;
    }
    row.components.iter().find(|c| c.id == id).unwrap().score
}

#[test]
fn every_preset_loads_and_resolves_each_edition() {
    for id in presets::ids() {
        let def = presets::get(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(def.id(), id);
        assert!(!def.label().vi.is_empty() && !def.label().en.is_empty());
        let years: Vec<Option<i32>> =
            if def.editions().is_empty() { vec![None] } else { def.editions().iter().map(|r| Some(r.from)).collect() };
        for y in years {
            def.resolve(y).unwrap_or_else(|e| panic!("{id} {y:?}: {e}"));
        }
        // The file form reads back to the same definition.
        let again = chiso::IndexDefinition::from_json(&def.to_json()).unwrap();
        assert_eq!(again.editions(), def.editions());
    }
}

/// (dimension, published sub-dimension label, node id).
const SUBDIMENSIONS: &[(&str, &str, &str)] = &[
    ("participation", "Civic Knowledge", "civic_knowledge"),
    ("participation", "Opportunities for Participation", "participation_opportunities"),
    ("participation", "Opportunities for Participation in Elections", "participation_opportunities"),
    ("participation", "Quality of Elections", "election_quality"),
    ("participation", "Quality of Village Head Elections", "election_quality"),
    ("participation", "Voluntary Contributions", "voluntary_contributions"),
    ("transparency", "Poverty Lists", "poverty_lists"),
    ("transparency", "Poverty List Transparency", "poverty_lists"),
    ("transparency", "Communal Budget and Expenditure", "communal_budget"),
    ("transparency", "Communal Budget Transparency", "communal_budget"),
    ("transparency", "Land-Use Plans/Price Frames", "land_use_plans"),
    ("transparency", "Transparent Land-Use Plan/Price Frames", "land_use_plans"),
    ("transparency", "Access to Information", "access_to_information"),
    ("vertical_accountability", "Interactions With Local Authorities", "interactions_with_authorities"),
    ("vertical_accountability", "People's Inspection Boards", "peoples_inspection_boards"),
    ("vertical_accountability", "Community Investment Boards", "community_investment_boards"),
    ("vertical_accountability", "Responsive to Citizen Actions", "responsiveness_to_citizens"),
    ("vertical_accountability", "Governments Responsive to Citizen Appeals", "responsiveness_to_citizens"),
    ("vertical_accountability", "Access to Justice Services", "access_to_justice"),
    ("control_of_corruption", "Limits on Public Sector Corruption", "limits_local_government_corruption"),
    ("control_of_corruption", "Limits on Corruption in Local Governments", "limits_local_government_corruption"),
    ("control_of_corruption", "Limits on Corruption in Service Delivery", "limits_service_delivery_corruption"),
    ("control_of_corruption", "Equity in Employment", "equity_in_employment"),
    ("control_of_corruption", "Equity in State Employment", "equity_in_employment"),
    ("control_of_corruption", "Willingness to Fight Corruption", "willingness_to_fight_corruption"),
    ("public_admin_procedures", "Certification Procedures", "certification_procedures"),
    ("public_admin_procedures", "Construction Permits", "construction_permits"),
    ("public_admin_procedures", "Land-Use Rights Procedures", "land_procedures"),
    ("public_admin_procedures", "Land Title Procedures", "land_procedures"),
    ("public_admin_procedures", "Personal Procedures", "personal_procedures"),
    ("public_service_delivery", "Public Health", "public_health"),
    ("public_service_delivery", "Public Healthcare", "public_health"),
    ("public_service_delivery", "Public Primary Education", "primary_education"),
    ("public_service_delivery", "Primary Education", "primary_education"),
    ("public_service_delivery", "Basic Infrastructure", "basic_infrastructure"),
    ("public_service_delivery", "Law and Order", "law_and_order"),
    ("environmental_governance", "Environmental Protection", "environmental_protection"),
    ("environmental_governance", "Quality of Air", "air_quality"),
    ("environmental_governance", "Quality of Water", "water_quality"),
    ("e_governance", "Access to E-Government Portals", "egov_portal_access"),
    ("e_governance", "Access to the Internet", "internet_access"),
    ("e_governance", "E-Responsiveness of Provincial Authorities", "e_responsiveness"),
];

const DIMENSIONS: [&str; 8] = [
    "participation",
    "transparency",
    "vertical_accountability",
    "control_of_corruption",
    "public_admin_procedures",
    "public_service_delivery",
    "environmental_governance",
    "e_governance",
];

/// Published dimension tables: (year, province) → (dimension scores, total).
/// Dimension scores and total of one province-year.
type Published = (Vec<Option<f64>>, Option<f64>);

fn published() -> BTreeMap<(i32, String), Published> {
    let text = std::fs::read_to_string(root().join("examples/data/papi/papi_dimensions.csv")).unwrap();
    let mut out = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for record in reader.records() {
        let r = record.unwrap();
        let num = |name: &str| r[col(name)].parse::<f64>().ok();
        let dims = DIMENSIONS.iter().map(|d| num(d)).collect();
        out.insert((r[0].parse().unwrap(), r[1].to_owned()), (dims, num("total_published")));
    }
    out
}

/// The sub-dimension table of the provinces with a published total, as a wide dataset.
fn subdimension_dataset() -> Dataset {
    let totals = published();
    let text = std::fs::read_to_string(root().join("examples/data/papi/papi_subdimensions.csv")).unwrap();
    let mut wide: BTreeMap<(i32, String), BTreeMap<&str, f64>> = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for record in reader.records() {
        let r = record.unwrap();
        let key = (r[0].parse::<i32>().unwrap(), r[1].to_owned());
        if totals.get(&key).and_then(|t| t.1).is_none() {
            continue;
        }
        let id = SUBDIMENSIONS
            .iter()
            .find(|(d, label, _)| *d == &r[2] && *label == &r[3])
            .unwrap_or_else(|| panic!("unmapped sub-dimension {} / {}", &r[2], &r[3]))
            .2;
        assert!(wide.entry(key).or_default().insert(id, r[4].parse().unwrap()).is_none());
    }
    // 2022 Hà Nội has a published total but no participation sub-dimensions in the source:
    // keep only provinces with every sub-dimension of their year.
    let full: BTreeMap<i32, usize> = wide.iter().fold(BTreeMap::new(), |mut m, ((y, _), v)| {
        let e = m.entry(*y).or_insert(0);
        *e = (*e).max(v.len());
        m
    });
    wide.retain(|(y, _), v| v.len() == full[y]);
    let ids: Vec<&str> = {
        let mut v: Vec<&str> = SUBDIMENSIONS.iter().map(|s| s.2).collect();
        v.dedup();
        v
    };
    let units = wide.keys().map(|k| k.1.clone()).collect();
    let years = wide.keys().map(|k| k.0).collect();
    let mut data = Dataset::new(units, Some(years)).unwrap();
    for id in ids {
        data.add_column(id, wide.values().map(|m| m.get(id).copied()).collect()).unwrap();
    }
    data
}

#[test]
fn papi_reproduces_the_published_dimensions_and_totals_from_sub_dimensions() {
    let papi = presets::get("papi").unwrap();
    let data = subdimension_dataset();
    let scores = score(&papi, &data, &ScoreOptions::default()).unwrap();
    assert!(scores.dropped.is_empty(), "{:?}", scores.dropped);
    let totals = published();
    let (mut worst_dim, mut worst_total, mut rows) = (0.0f64, 0.0f64, 0);
    for row in &scores.rows {
        let (dims, total) = &totals[&(row.year.unwrap(), row.unit.clone())];
        for (d, published) in DIMENSIONS.iter().zip(dims) {
            if let Some(p) = published {
                let got = row.components.iter().find(|c| c.id == *d).unwrap().score;
                worst_dim = worst_dim.max((got - p).abs());
            }
        }
        worst_total = worst_total.max((row.score - total.unwrap()).abs());
        rows += 1;
    }
    eprintln!("PAPI: {rows} province-years; largest |dimension − published| {worst_dim:.2e}, |total − published| {worst_total:.2e}");
    // 2011–2013, 2016, 2019: 63 each; 2021: 60; 2022: 61 less Hà Nội; 2023, 2024: 61.
    assert_eq!(rows, 63 * 5 + 60 + 60 + 61 + 61);
    assert!(worst_dim < 1e-5 && worst_total < 1e-5);
    // Thừa Thiên Huế 2019: rank 5 of 63; four groups of 16, 16, 15, 16.
    let y2019: Vec<_> = scores.year(Some(2019)).collect();
    assert_eq!(y2019.iter().find(|r| r.unit == "Thừa Thiên-Huế").unwrap().rank, 5);
    let count = |level| y2019.iter().filter(|r| r.tier.as_ref().unwrap().level == level).count();
    assert_eq!([count(0), count(1), count(2), count(3)], [16, 16, 15, 16]);
}

#[test]
fn papi_worked_examples_from_rounded_published_numbers() {
    let papi = presets::get("papi").unwrap();
    // Thừa Thiên Huế 2019 dimensions → published 45.86 (the rounded dimensions sum to 45.85).
    let data = csv("unit,year,participation,transparency,vertical_accountability,control_of_corruption,\
public_admin_procedures,public_service_delivery,environmental_governance,e_governance\n\
Thừa Thiên Huế,2019,5.24,5.29,5.46,6.72,7.20,7.52,4.11,4.31\n");
    let s = score(&papi, &data, &ScoreOptions::default()).unwrap();
    assert!((s.rows[0].score - 45.85).abs() < 1e-9);
    assert!((s.rows[0].score - 45.86).abs() <= 0.01 + 1e-9);
    // Quảng Ninh 2019 participation: 0.83 + 1.59 + 1.60 + 1.51 = 5.53.
    let data = csv("unit,year,civic_knowledge,participation_opportunities,election_quality,voluntary_contributions,\
transparency,vertical_accountability,control_of_corruption,public_admin_procedures,public_service_delivery,\
environmental_governance,e_governance\n\
Quảng Ninh,2019,0.83,1.59,1.60,1.51,5,5,5,5,5,5,5\n");
    let s = score(&papi, &data, &ScoreOptions::default()).unwrap();
    assert!((node(&s, "Quảng Ninh", "participation") - 5.53).abs() < 1e-9);
    // A sub-dimension above its maximum 10/k is rejected, naming the column.
    let bad = csv("unit,year,civic_knowledge,participation_opportunities,election_quality,voluntary_contributions,\
transparency,vertical_accountability,control_of_corruption,public_admin_procedures,public_service_delivery,\
environmental_governance,e_governance\nX,2019,2.6,1,1,1,5,5,5,5,5,5,5\n");
    let err = score(&papi, &bad, &ScoreOptions::default()).unwrap_err().to_string();
    assert!(err.contains("civic_knowledge"), "{err}");
    // Six dimensions to 2017, eight from 2018.
    assert_eq!(papi.resolve(Some(2016)).unwrap().components().count(), 6);
    assert_eq!(papi.resolve(Some(2021)).unwrap().components().count(), 8);
    assert_eq!(papi.resolve(Some(2022)).unwrap().precision(), 4);
}

fn run(id: &str, text: &str) -> Scores {
    score(&presets::get(id).unwrap(), &csv(text), &ScoreOptions::default()).unwrap()
}

#[test]
fn pgi_an_giang_2023_and_the_leading_30() {
    let s = run(
        "pgi",
        "unit,year,climate_pollution_risk,min_env_standards,env_leadership,env_incentives\n\
         An Giang,2023,7.49,6.71,4.21,6.08\n",
    );
    assert!((s.rows[0].score - 24.49).abs() < 1e-9);
    // From 2023 only the leading 30 are published: the 31st has no published rank.
    let mut text = String::from("unit,year,pgi\n");
    for i in 0..31 {
        text.push_str(&format!("P{i},2023,{}\n", 30.0 - f64::from(i) * 0.5));
    }
    let s = run("pgi", &text);
    assert_eq!(s.rows[29].published_rank(), Some(30));
    assert_eq!(s.rows[30].published_rank(), None);
    assert_eq!(s.rows[30].rank, 31);
    // 2022 publishes every rank.
    let s = run("pgi", &text.replace(",2023,", ",2022,"));
    assert_eq!(s.rows[30].published_rank(), Some(31));
}

#[test]
fn par_index_2020_blocks_and_tiers() {
    let blocks = "unit,year,appraised,satisfaction,leaders_survey,socio_economic_impact\n\
                  Quảng Ninh,YEAR,57.66,9.56,18.83,5.00\n\
                  Hải Phòng,YEAR,58.71,9.35,19.45,3.00\n\
                  Thừa Thiên Huế,YEAR,56.78,8.57,20.11,3.01\n\
                  Bình Dương,YEAR,55.48,8.82,20.27,2.36\n\
                  Đồng Tháp,YEAR,55.94,8.89,20.09,1.84\n";
    let s = run("par_index", &blocks.replace("YEAR", "2020"));
    let published = [91.04, 90.51, 88.47, 86.93, 86.77];
    for (row, (p, rank)) in s.rows.iter().zip(published.iter().zip(1..)) {
        // Published totals sum unrounded parts: ±0.01.
        assert!((row.score - p).abs() <= 0.01 + 1e-9, "{} {}", row.unit, row.score);
        assert_eq!(row.rank, rank);
        assert!(row.tier.is_none(), "no tiers before 2021");
    }
    let s = run("par_index", &blocks.replace("YEAR", "2021"));
    let tiers: Vec<&str> = s.rows.iter().map(|r| r.tier.as_ref().unwrap().label.en.as_str()).collect();
    assert_eq!(tiers, vec!["A", "A", "B", "B", "B"]);
    // 2018: eight areas with the 2948 maxima; a result is points ÷ 100 × 100 %.
    let s = run(
        "par_index",
        "unit,year,direction,legal_documents,admin_procedures,apparatus,civil_servants,public_finance,modernisation,impact\n\
         Nam Định,2018,8,7.5,11,8.5,12,5,11.6,12\n",
    );
    assert!((s.rows[0].score - 75.6).abs() < 1e-9);
    // Points above an area's maximum are rejected.
    let err = score(
        &presets::get("par_index").unwrap(),
        &csv("unit,year,appraised,satisfaction,leaders_survey,socio_economic_impact\nX,2022,62,9,20,5\n"),
        &ScoreOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("appraised"), "{err}");
}

#[test]
fn sipas_from_microdata_is_the_mean_of_its_elements() {
    let dir = root().join("examples/data/survey");
    let spec =
        chiso::survey::SurveySpec::from_toml(&std::fs::read_to_string(dir.join("sipas_survey.toml")).unwrap()).unwrap();
    let micro = std::fs::read_to_string(dir.join("sipas_microdata.csv")).unwrap();
    let survey = chiso::survey::aggregate_survey_csv(&spec, &micro).unwrap();
    let data = survey.to_dataset().unwrap();
    let s = score(&presets::get("sipas").unwrap(), &data, &ScoreOptions::default()).unwrap();
    for (u, row) in s.rows.iter().enumerate() {
        let mean = survey.estimates[u * 5..u * 5 + 5].iter().map(|e| e.value.unwrap()).sum::<f64>() / 5.0;
        assert!((row.score - mean).abs() < 1e-9);
    }
    // Every bootstrap replicate scores too: an interval for the headline.
    let mut headline: Vec<f64> = (0..survey.replicate_count())
        .filter_map(|b| {
            let d = survey.replicate_dataset(b).unwrap();
            score(&presets::get("sipas").unwrap(), &d, &ScoreOptions::default()).ok()
        })
        .filter_map(|s| s.rows.iter().find(|r| r.unit == "Uông Bí").map(|r| r.score))
        .collect();
    headline.sort_by(f64::total_cmp);
    let (lo, hi) = (chiso::survey::quantile_sorted(&headline, 0.025), chiso::survey::quantile_sorted(&headline, 0.975));
    let point = s.rows.iter().find(|r| r.unit == "Uông Bí").unwrap().score;
    assert!(headline.len() == survey.replicate_count() && lo < point && point < hi, "{lo} {point} {hi}");
    // The same through node_intervals: every node of every unit, with a rank range.
    let intervals =
        chiso::survey::node_intervals(&presets::get("sipas").unwrap(), &survey, &ScoreOptions::default(), 0.95)
            .unwrap();
    assert_eq!(intervals.len(), 4 * 6);
    let uong_bi = intervals.iter().find(|i| i.unit == "Uông Bí" && i.node == "sipas").unwrap();
    assert!((uong_bi.low - lo).abs() < 1e-9 && (uong_bi.high - hi).abs() < 1e-9);
    assert!(uong_bi.rank_best <= uong_bi.rank_worst && uong_bi.replicates == survey.replicate_count());
    // The overall-question variant takes its one indicator as the headline.
    let s = run("sipas_overall", "unit,overall_satisfaction\nHải Hà,93.12\nCô Tô,95\n");
    assert_eq!((s.rows[0].score, s.rows[0].rank), (93.12, 2));
}

/// Quảng Ninh 2020 (13 districts, towns and cities): the four published composites and nine
/// others in between (not published in our sources), with three departments ranked apart.
const QN_DDCI_2020: &str = "unit,kind,ddci\n\
Cẩm Phả,district,72.10\nCô Tô,district,71.17\nHải Hà,district,45.74\nVân Đồn,district,24.22\n\
D5,district,70\nD6,district,69\nD7,district,68\nD8,district,60\nD9,district,58\nD10,district,55\n\
D11,district,50\nD12,district,49\nD13,district,47\n\
Sở A,department,80\nSở B,department,75\nSở C,department,70\n";

#[test]
fn ddci_ranks_districts_and_departments_apart() {
    let s = run("ddci", QN_DDCI_2020);
    let rank = |u: &str| {
        let r = s.rows.iter().find(|r| r.unit == u).unwrap();
        (r.rank, r.out_of)
    };
    assert_eq!(rank("Cẩm Phả"), (1, 13));
    assert_eq!(rank("Cô Tô"), (2, 13));
    assert_eq!(rank("Hải Hà"), (12, 13));
    assert_eq!(rank("Vân Đồn"), (13, 13));
    assert_eq!(rank("Sở C"), (3, 3));
    // From raw indicators: 1–10 over the units assessed, lower-is-better reversed, ×10.
    let s = run(
        "ddci",
        "unit,kind,share_docs_accessible,days_per_procedure\nA,district,80,5\nB,district,60,15\nC,district,70,10\n",
    );
    // A: transparency 10, time 10 → 100; B: 1, 1 → 10; C: 5.5, 5.5 → 55.
    let scores: Vec<f64> = s.rows.iter().map(|r| r.score).collect();
    for (got, want) in scores.iter().zip([100.0, 10.0, 55.0]) {
        assert!((got - want).abs() < 1e-9, "{scores:?}");
    }
}

#[test]
fn dgi_egov_and_ict_examples() {
    // DGI Hải Hà 2020: 84.83 %, rank 8 of 13 (the other twelve made up around it).
    let mut text = String::from("unit,dgi\nHải Hà,84.83\n");
    for i in 0..7 {
        text.push_str(&format!("Above{i},{}\n", 90.0 - f64::from(i) * 0.5));
    }
    for i in 0..5 {
        text.push_str(&format!("Below{i},{}\n", 80.0 - f64::from(i)));
    }
    let s = run("dgi", &text);
    assert_eq!((s.rows[0].rank, s.rows[0].out_of), (8, 13));
    // E-government, 170 points: Hải Hà 133.28 is 78.4 % → fair; 146 is 85.9 % → good.
    let s = run("egov_district", "unit,egov_district\nHải Hà,133.28\nBest,146\nLow,100\n");
    let levels: Vec<&str> = s.rows.iter().map(|r| r.tier.as_ref().unwrap().label.en.as_str()).collect();
    assert_eq!(levels, vec!["Fair", "Good", "Average"]);
    assert!(score(
        &presets::get("egov_district").unwrap(),
        &csv("unit,egov_district\nX,171\n"),
        &ScoreOptions::default()
    )
    .is_err());
    // ICT ranking 2017: rounded to 3 decimals, two provinces at 0.633 share 17th, the next is 19th.
    let mut text = String::from("unit,technical_infrastructure,human_resources,it_application\n");
    for i in 0..16 {
        let v = 0.9 - f64::from(i) * 0.01;
        text.push_str(&format!("P{i},{v},{v},{v}\n"));
    }
    text.push_str("Q1,0.6334,0.6334,0.6334\nQ2,0.6326,0.6326,0.6326\nQ3,0.62,0.62,0.62\n");
    let s = run("ict_index", &text);
    let ranks: Vec<u32> = s.rows[16..].iter().map(|r| r.rank).collect();
    assert_eq!(ranks, vec![17, 17, 19]);
}
