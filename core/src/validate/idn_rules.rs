//! The UTS 46 validity rules that some engines' `URL` leaves out, applied to
//! the Unicode labels of the host's answer (`xn--` labels decoded) as `idna`
//! applies them: a label must not start with a combining mark, CheckJoiners
//! (RFC 5892 appendix A.1, A.2) and CheckBidi (RFC 5893 section 2). Ada 2.9
//! (Node 20) has no CheckBidi and an older mark table; Ada in workerd checks
//! bidi in part; both let some joiners through (spec/DECISIONS.md, D15).

#[path = "idn_rules_data.rs"]
mod data;

// A code point's properties in one byte: its bidi class as the rules group
// them (bits 0-2), how it joins (3-5), whether it is a mark or a virama.
const BIDI: u8 = 0b111;
const L: u8 = 0;
/// R and AL: the rules treat them alike.
const RTL: u8 = 1;
const AN: u8 = 2;
const EN: u8 = 3;
/// ES, CS, ET, ON and BN: allowed inside a label of either direction.
const MID: u8 = 4;
const NSM: u8 = 5;
/// Any other class (WS, B, S, the explicit formatting ones): never allowed.
#[cfg(test)]
const OTHER: u8 = 6;
/// Joining_Type L or D.
const LEFT: u8 = 1 << 3;
/// Joining_Type R or D.
const RIGHT: u8 = 1 << 4;
/// Joining_Type T.
const TRANSPARENT: u8 = 1 << 5;
/// General_Category Mark (Mn, Mc, Me).
const MARK: u8 = 1 << 6;
/// Canonical_Combining_Class 9.
const VIRAMA: u8 = 1 << 7;

/// The properties of `c`: `data::RUNS` holds `start << 8 | properties` of each
/// run of code points with the same properties, in order, from U+0000.
fn props(c: char) -> u8 {
    let key = (u32::from(c) << 8) | 0xff;
    let next = data::RUNS.partition_point(|&run| run <= key);
    next.checked_sub(1).and_then(|at| data::RUNS.get(at)).map_or(0, |&run| (run & 0xff) as u8)
}

/// Whether the labels of a domain name keep the rules above.
pub(crate) fn labels_ok(labels: &[Vec<char>]) -> bool {
    let bidi_domain = labels.iter().flatten().any(|&c| matches!(props(c) & BIDI, RTL | AN));
    labels.iter().all(|label| {
        label.first().is_none_or(|&first| props(first) & MARK == 0)
            && joiners_ok(label)
            && (!bidi_domain || bidi_ok(label))
    })
}

/// CheckJoiners: ZWJ and ZWNJ only after a virama; ZWNJ also between a left-
/// or dual-joining and a right- or dual-joining character, with transparent
/// ones between.
fn joiners_ok(label: &[char]) -> bool {
    label.iter().enumerate().all(|(at, &c)| {
        if c != '\u{200c}' && c != '\u{200d}' {
            return true;
        }
        let (before, after) = (label.get(..at).unwrap_or_default(), label.get(at + 1..).unwrap_or_default());
        match before.last() {
            None => false,
            Some(&previous) if props(previous) & VIRAMA != 0 => true,
            Some(_) if c == '\u{200d}' => false,
            Some(_) => joins(before.iter().rev(), LEFT) && joins(after.iter(), RIGHT),
        }
    })
}

/// Whether the first character that is not transparent joins on `side`
/// (`LEFT` or `RIGHT`; a dual-joining character has both).
fn joins<'a>(mut chars: impl Iterator<Item = &'a char>, side: u8) -> bool {
    chars.find(|&&c| props(c) & TRANSPARENT == 0).is_some_and(|&c| props(c) & side != 0)
}

/// RFC 5893's six rules on one label of a bidi domain name.
fn bidi_ok(label: &[char]) -> bool {
    let Some((&first, tail)) = label.split_first() else {
        return true;
    };
    let ltr = match props(first) & BIDI {
        L => true,
        RTL => false,
        _ => return false,
    };
    // Trailing non-spacing marks are skipped: the last other character decides.
    let end = tail.iter().rposition(|&c| props(c) & BIDI != NSM);
    let Some(end) = end else {
        return true;
    };
    let (middle, last) = (tail.get(..end).unwrap_or_default(), tail.get(end).map_or(0, |&c| props(c) & BIDI));
    let allowed = |class: u8| match ltr {
        true => matches!(class, L | EN | MID | NSM),
        false => matches!(class, RTL | AN | EN | MID | NSM),
    };
    let last_ok = match ltr {
        true => matches!(last, L | EN),
        false => matches!(last, RTL | EN | AN),
    };
    let classes = || middle.iter().map(|&c| props(c) & BIDI).chain([last]);
    // Rule 4: an RTL label holds European or Arabic digits, not both.
    let digits_ok = ltr || !(classes().any(|class| class == EN) && classes().any(|class| class == AN));
    last_ok && middle.iter().all(|&c| allowed(props(c) & BIDI)) && digits_ok
}

#[cfg(test)]
#[path = "idn_rules_tests.rs"]
mod tests;
