//! `docs/pci-indicators.md` cannot rot: its commands and outputs are the files of
//! `docs/samples/pci_indicators/` (`NAME.sh` and `NAME.sh.out`, included into the page), and
//! each `chiso` command there is re-run here from the repository root and compared with its
//! recorded output (as `scripts/docs_samples.py` does in the docs step, without mkdocs).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Splits a command line on spaces, keeping "double-quoted" words together.
fn words(line: &str) -> Vec<String> {
    let (mut out, mut word, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[test]
fn every_sample_of_the_pci_indicators_page_prints_its_recorded_output() {
    let page = std::fs::read_to_string(root().join("docs/pci-indicators.md")).unwrap();
    let dir = root().join("docs/samples/pci_indicators");
    let mut samples: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    samples.sort();
    assert_eq!(samples.len(), 5);
    for sample in samples {
        let name = sample.file_name().unwrap().to_str().unwrap().to_owned();
        assert!(page.contains(&format!("docs/samples/pci_indicators/{name}.out")), "{name} is not on the page");
        // The command: comment lines dropped, continuation lines joined.
        let script = std::fs::read_to_string(&sample).unwrap();
        let command: String = script
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(|l| l.trim().trim_end_matches('\\').trim().to_owned())
            .collect::<Vec<_>>()
            .join(" ");
        let args = words(command.strip_prefix("chiso ").expect("a sample runs chiso"));
        let out = Command::new(env!("CARGO_BIN_EXE_chiso")).args(&args).current_dir(root()).output().unwrap();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let expected = std::fs::read_to_string(dir.join(format!("{name}.out"))).unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), expected, "{name}");
    }
}
