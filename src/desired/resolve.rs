//! Reading what a document points at: certificate files, metadata files and metadata URLs.
//! Files are bounded in size; URLs go through the metadata fetcher's guards (no private
//! addresses unless the plan's fetch options allow them).

use std::io::Read as _;
use std::path::Path;

use crate::error::{Error, Result};
use crate::metadata::{FetchOptions, IdpEntity, Metadata};
use crate::values::Certificate;

/// Largest certificate or metadata file read (the metadata parser's own bound applies too).
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The certificate given inline or in a file, if either.
pub(super) fn certificate(
    base_dir: &Path,
    field: &'static str,
    inline: Option<&str>,
    file: Option<&Path>,
) -> Result<Option<Certificate>> {
    if let Some(text) = inline {
        return Certificate::parse(text)
            .map(Some)
            .map_err(|e| Error::invalid(field, e.to_string()));
    }
    let Some(file) = file else {
        return Ok(None);
    };
    let bytes = read_file(base_dir, field, file)?;
    let parsed = match std::str::from_utf8(&bytes) {
        Ok(text) => Certificate::parse(text),
        Err(_) => Certificate::from_der(bytes),
    };
    parsed
        .map(Some)
        .map_err(|e| Error::invalid(field, format!("{}: {e}", file.display())))
}

/// The identity provider entity of the metadata file or URL, if either is given.
pub(super) async fn metadata_entity(
    base_dir: &Path,
    file: Option<&Path>,
    url: Option<&str>,
    entity_id: Option<&str>,
    fetch: &FetchOptions,
) -> Result<Option<IdpEntity>> {
    let metadata = match (file, url) {
        (Some(file), _) => {
            let bytes = read_file(base_dir, "metadata_file", file)?;
            Metadata::parse(&bytes)
                .map_err(|e| Error::invalid("metadata_file", format!("{}: {e}", file.display())))?
        }
        (None, Some(url)) => crate::metadata::fetch(url, fetch).await?.metadata,
        (None, None) => return Ok(None),
    };
    let entity = metadata.entity(entity_id)?.clone();
    Ok(Some(entity))
}

fn read_file(base_dir: &Path, field: &'static str, file: &Path) -> Result<Vec<u8>> {
    let path = base_dir.join(file);
    let failed = |e: std::io::Error| Error::invalid(field, format!("{}: {e}", path.display()));
    let handle = std::fs::File::open(&path).map_err(failed)?;
    let mut bytes = Vec::new();
    handle
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::invalid(
            field,
            format!("{} is larger than {MAX_FILE_BYTES} bytes", path.display()),
        ));
    }
    Ok(bytes)
}
