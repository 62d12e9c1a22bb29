//! Host-name rules shared by URL checking, provider domains and AMP cache subdomains.

/// The longest DNS label (RFC 1123 §2.1).
pub(crate) const MAX_LABEL_LEN: usize = 63;

/// The longest host name (RFC 1123 §2.1).
const MAX_HOST_LEN: usize = 253;

/// Whether `label` is a lower-case DNS label (RFC 1123 §2.1): 1 to 63 ASCII lower-case
/// letters, digits and hyphens, neither first nor last a hyphen.
pub(crate) fn is_label(label: &str) -> bool {
    (1..=MAX_LABEL_LEN).contains(&label.len())
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `domain` is a bare lower-case host name: at most 253 bytes of [`is_label`] labels
/// joined by dots (punycode for internationalised names).
pub(crate) fn is_host_name(domain: &str) -> bool {
    domain.len() <= MAX_HOST_LEN && domain.split('.').all(is_label)
}

/// Whether `domain`, less one trailing dot (the root), has an empty label: `.a`, `a..b`, `.`.
pub(crate) fn has_empty_label(domain: &str) -> bool {
    let domain = domain.strip_suffix('.').unwrap_or(domain).as_bytes();
    domain.first().is_none_or(|&b| b == b'.')
        || domain.last() == Some(&b'.')
        || domain.windows(2).any(|pair| pair == b"..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_host_names() {
        assert!(is_label("a") && is_label("xn--bcher-kva") && is_label(&"a".repeat(63)));
        assert!(!is_label("") && !is_label("-a") && !is_label("a-") && !is_label("A"));
        assert!(!is_label(&"a".repeat(64)) && !is_label("a_b"));
        assert!(is_host_name("thehill.com") && !is_host_name("TheHill.com"));
        assert!(!is_host_name("a..b") && !is_host_name(&"a.".repeat(127)));
    }

    #[test]
    fn empty_labels() {
        for domain in ["", ".", "..", ".a", "a.", "a..b", "a..."] {
            let expected = !matches!(domain, "a.");
            assert_eq!(has_empty_label(domain), expected, "{domain}");
        }
        assert!(!has_empty_label("a.b.") && !has_empty_label("a.b"));
    }
}
