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
    if domain.len() > MAX_HOST_LEN {
        return false;
    }
    // One pass over the bytes, each label's rules checked at the dot or end that closes it.
    let bytes = domain.as_bytes();
    let mut start = 0;
    for (at, &b) in bytes.iter().enumerate() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' => {}
            b'.' if is_label_at(bytes, start, at) => start = at + 1,
            _ => return false,
        }
    }
    is_label_at(bytes, start, bytes.len())
}

/// Whether `bytes[start..end]`, of lower-case letters, digits and hyphens only, is a label:
/// 1 to 63 of them, neither first nor last a hyphen.
fn is_label_at(bytes: &[u8], start: usize, end: usize) -> bool {
    (1..=MAX_LABEL_LEN).contains(&(end - start)) && bytes[start] != b'-' && bytes[end - 1] != b'-'
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
        assert!(is_host_name(&format!("{}.b", "a".repeat(63))));
        for bad in ["", ".", "a.", ".a", "a-.b", "-a.b", "a.b-", "a.-b", "a b.c"] {
            assert!(!is_host_name(bad), "{bad:?}");
        }
        assert!(!is_host_name(&format!("{}.b", "a".repeat(64))));
    }

    proptest::proptest! {
        /// The one pass answers as splitting at the dots and checking each label does.
        #[test]
        fn host_names_as_labels_joined_by_dots(domain in "[a-c0-9.A_-]{0,12}|[a.-]{60,70}") {
            let by_labels = domain.len() <= MAX_HOST_LEN && domain.split('.').all(is_label);
            proptest::prop_assert_eq!(is_host_name(&domain), by_labels, "{:?}", domain);
        }
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
