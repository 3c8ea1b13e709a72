"""One page of each kind in the basic fixture site, by name: what the accessibility and
screenshot tests visit."""

PAGE_KINDS = {
    "home": "",
    "platform": "platforms/acme-cloud/",
    "clause": "platforms/acme-cloud/customer-data-training/",
    "topics": "topics/",
    "topic": "topics/customer-data-training/",
    "jurisdiction": "jurisdictions/us-ca/",
    "compare": "compare/",
    "explore": "explore/",
}
