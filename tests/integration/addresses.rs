//! Addresses the build makes itself cannot be taken: no alias may replace
//! the generated accessibility statement or the editing forms at /admin/.

use crate::support::*;

#[test]
fn no_alias_takes_the_generated_accessibility_statement() {
    let p = TestPortal::example();
    p.edit(
        "content/pages/about.md",
        "---\n",
        "---\naliases:\n  - accessibility\n",
    );
    let d = p.build_fails();
    let e = only(&d, "reserved-id");
    assert!(e.message.contains("/accessibility/"), "{}", e.message);
    assert_eq!(location(e), "content/pages/about.md:3:5");

    // Without a generated statement, the address is the page's to take.
    let p = TestPortal::minimal();
    p.edit(
        "content/pages/about.md",
        "---\n",
        "---\naliases:\n  - accessibility\n",
    );
    p.build_ok();
    assert!(p.site().join("accessibility/index.html").exists());
}
