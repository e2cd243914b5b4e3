import NewsModels

/// A city a story can be datelined from: real places give datelines and offsets a familiar shape,
/// while everyone and everything in the stories is invented.
struct Place {
    let city: String
    let country: String
    /// The city as printed in a dateline.
    let dateline: String
    /// Continent-level section label, used as an extra category.
    let area: String

    init(_ city: String, _ country: String, _ area: String) {
        self.city = city
        self.country = country
        self.dateline = city.uppercased()
        self.area = area
    }
}

/// A fictional outlet with the UTC offset it writes timestamps in.
struct Outlet {
    let source: Source
    /// Standard-time offset in minutes.
    let standard: Int
    /// Summer-time offset (April–October) in minutes, for outlets in zones that shift.
    let summer: Int?
    /// Zone abbreviation for outlets that print a time-first dateline (`13:58 JST, February 1, 2025`).
    let timeZoneLabel: String?

    init(_ name: String, _ slug: String, _ standard: Int, summer: Int? = nil, label: String? = nil) {
        let domain = slug + ".example"
        source = Source(id: domain, name: name, domain: domain, url: "https://" + domain + "/")
        self.standard = standard
        self.summer = summer
        timeZoneLabel = label
    }

    /// The offset in force in the given month (1–12); a coarse rule is enough for synthetic data.
    func offset(month: Int) -> Int {
        if let summer, (4...10).contains(month) { return summer }
        return standard
    }
}

enum Catalog {
    static let places = [
        Place("Tokyo", "Japan", "Asia"), Place("Osaka", "Japan", "Asia"), Place("Seoul", "South Korea", "Asia"),
        Place("Singapore", "Singapore", "Asia"), Place("Jakarta", "Indonesia", "Asia"), Place("Manila", "the Philippines", "Asia"),
        Place("New Delhi", "India", "Asia"), Place("Mumbai", "India", "Asia"), Place("Hanoi", "Vietnam", "Asia"),
        Place("Brussels", "Belgium", "Europe"), Place("Geneva", "Switzerland", "Europe"), Place("London", "Britain", "Europe"),
        Place("Berlin", "Germany", "Europe"), Place("Madrid", "Spain", "Europe"), Place("Warsaw", "Poland", "Europe"),
        Place("Lisbon", "Portugal", "Europe"), Place("Stockholm", "Sweden", "Europe"), Place("Athens", "Greece", "Europe"),
        Place("Nairobi", "Kenya", "Africa"), Place("Lagos", "Nigeria", "Africa"), Place("Accra", "Ghana", "Africa"),
        Place("Johannesburg", "South Africa", "Africa"), Place("Cairo", "Egypt", "Middle East"), Place("Dubai", "the United Arab Emirates", "Middle East"),
        Place("Amman", "Jordan", "Middle East"), Place("Washington", "the United States", "Americas"), Place("Chicago", "the United States", "Americas"),
        Place("Toronto", "Canada", "Americas"), Place("Mexico City", "Mexico", "Americas"), Place("Sao Paulo", "Brazil", "Americas"),
        Place("Buenos Aires", "Argentina", "Americas"), Place("Bogota", "Colombia", "Americas"), Place("Sydney", "Australia", "Oceania"),
        Place("Wellington", "New Zealand", "Oceania"),
    ]

    static let outlets = [
        Outlet("Harbor Courier", "harbor-courier", -300, summer: -240),
        Outlet("The Meridian Ledger", "meridian-ledger", 0),
        Outlet("Northgate Times", "northgate-times", 0, summer: 60),
        Outlet("Kanto Evening Record", "kanto-evening-record", 540, label: "JST"),
        Outlet("Morning Signal Tokyo", "morning-signal-tokyo", 540, label: "JST"),
        Outlet("Han River Herald", "han-river-herald", 540, label: "KST"),
        Outlet("Deccan Ledger", "deccan-ledger", 330),
        Outlet("Bayfront Market Letter", "bayfront-market-letter", 330),
        Outlet("Continental Review", "continental-review", 60, summer: 120),
        Outlet("Rhine Valley Standard", "rhine-valley-standard", 60, summer: 120),
        Outlet("Savanna Chronicle", "savanna-chronicle", 180),
        Outlet("Lagoon Reporter", "lagoon-reporter", 60),
        Outlet("Southern Cross Bulletin", "southern-cross-bulletin", 660, summer: 600),
        Outlet("Strait Lantern", "strait-lantern", 480),
        Outlet("Archipelago Times", "archipelago-times", 480),
        Outlet("Atlantic Southern Post", "atlantic-southern-post", -180),
        Outlet("Lakeshore Mercury", "lakeshore-mercury", -300, summer: -240),
        Outlet("Hudson Evening Wire", "hudson-evening-wire", -300, summer: -240),
        Outlet("Prairie Standard", "prairie-standard", -360, summer: -300),
        Outlet("Bayline Tribune", "bayline-tribune", -480, summer: -420),
        Outlet("Delta Morning", "delta-morning", 120, summer: 180),
        Outlet("Valle Central News", "valle-central-news", -360),
        Outlet("Gulf Coast Register", "gulf-coast-register", 240),
        Outlet("Kestrel Wire Service", "kestrel-wire", 0),
        Outlet("Global Desk Press", "global-desk-press", 0),
        Outlet("The Lantern Post", "lantern-post", -300, summer: -240),
        Outlet("Fjordline Daily", "fjordline-daily", 60, summer: 120),
    ]
}
