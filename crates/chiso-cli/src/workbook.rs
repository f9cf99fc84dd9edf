//! `--output results.xlsx`: the core's workbook writer, saved to a file.

use std::path::Path;

use chiso::{IndexDefinition, Scores};

/// Writes the scores as a workbook at `path` (the core formats it; this only saves it).
pub fn write(path: &Path, scores: &Scores, definition: &IndexDefinition, source: &Path) -> Result<(), chiso::Error> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    if !extension.eq_ignore_ascii_case("xlsx") {
        return Err(chiso::ComputeError::InvalidTarget {
            message: format!("--output '{}' must end in .xlsx (other formats: --format)", path.display()),
        }
        .into());
    }
    let bytes = chiso::io::xlsx::write_scores(scores, definition, Some(&source.display().to_string()))?;
    std::fs::write(path, bytes).map_err(|e| chiso::DataError::Workbook {
        message: format!("cannot write '{}': {}", path.display(), e.kind()),
    })?;
    eprintln!("chiso: wrote {} ({} rows)", path.display(), scores.rows.len());
    Ok(())
}
