//! `docs/pci-indicators.md` cannot rot: every ```console block there is a `chiso` command
//! (after `$ `) and its output, and each is re-run here from the repository root and compared
//! byte for byte.

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
fn every_command_in_the_pci_indicators_page_prints_what_the_page_shows() {
    let page = std::fs::read_to_string(root().join("docs/pci-indicators.md")).unwrap();
    let mut checked = 0;
    for block in page.split("```console\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let (command, expected) = block.split_once('\n').unwrap();
        let args = words(command.strip_prefix("$ chiso ").expect("a console block starts with `$ chiso `"));
        let out = Command::new(env!("CARGO_BIN_EXE_chiso")).args(&args).current_dir(root()).output().unwrap();
        assert!(out.status.success(), "{command}: {}", String::from_utf8_lossy(&out.stderr));
        let printed = String::from_utf8(out.stdout).unwrap();
        assert_eq!(printed.trim_end(), expected.trim_end(), "{command}");
        checked += 1;
    }
    assert_eq!(checked, 5);
}
