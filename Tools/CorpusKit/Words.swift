/// Topic-neutral vocabulary shared by every beat. All names are invented combinations; any
/// resemblance to a real person is accidental.
enum Words {
    static let firstNames = [
        "Amara", "Tomasz", "Keiko", "Rafael", "Ingrid", "Oluwaseun", "Priya", "Mateo", "Sunniva", "Hyun-woo",
        "Leontine", "Dariusz", "Yasmin", "Callum", "Mei-ling", "Joaquim", "Anouk", "Kwame", "Sakura", "Ilya",
        "Beatriz", "Finnian", "Noor", "Henrik", "Adaeze", "Lorenzo", "Tuyet", "Magnus", "Farida", "Emeric",
        "Rosalind", "Tariq", "Solveig", "Ignacio", "Chidi", "Hana", "Bartholomew", "Esperanza", "Ravi", "Greta",
        "Kofi", "Aurelie", "Daichi", "Marisol", "Olek", "Nadia", "Thiago", "Wilhelmina", "Jun", "Cressida",
        "Anselm", "Lucia", "Obinna", "Signe", "Arjun", "Celestine", "Yusuf", "Maren", "Haruto", "Delphine",
    ]

    static let lastNames = [
        "Okonkwo-Reyes", "Varga", "Hollingsworth", "Takemura", "Lindqvist", "Abernathy", "Castellanos", "Mbeki-Hart",
        "Sorensen", "Petrakis", "Dunmore", "Iwasaki", "Faleolo", "Brannigan", "Oyelaran", "Kowalczyk", "Marchetti",
        "Ashdown", "Nakashima", "Villanueva", "Strand", "Quillfeather", "Adeyemi", "Rasmussen", "Bellweather",
        "Chandrasekar", "Duvall", "Morrow", "Esterhazy", "Fairbairn", "Gallardo", "Haverford", "Ibarra", "Jovanic",
        "Kestrel", "Lachance", "Mwangi", "Northcote", "Oduya", "Pemberton", "Quintero", "Rosenthal", "Sandoval",
        "Thistlewood", "Underhill", "Valcourt", "Whitlock", "Yamaguchi-Orr", "Zelenko", "Achterberg", "Blackwood",
        "Cardenas", "Delacroix-Ng", "Eriksen", "Fonseca", "Grimaldi", "Halloran", "Ishikawa", "Jaramillo", "Kaur-Bell",
    ]

    /// Invented towns, valleys and districts for local colour.
    static let regions = [
        "Port Alder", "the Marrow Valley", "Kessington", "the Ostmark Basin", "Lower Fenwick", "the Saltreach coast",
        "Brindlewood", "the Caldera Hills", "New Harwick", "the Tamsin delta", "Eastmere", "the Quarry District",
        "Vell Harbour", "the Amberlight plateau", "Southbridge", "the Corran islands", "Millbeck", "the Sorrel plains",
    ]

    /// Invented football clubs for the sport beat.
    static let teams = [
        "Port Alder Rovers", "Kessington Athletic", "Eastmere United", "Vell Harbour FC", "Brindlewood Wanderers",
        "Southbridge Albion", "Millbeck Town", "New Harwick City", "Saltreach Mariners", "Caldera Rangers",
    ]

    /// Invented titles of books, films and shows for the culture beat.
    static let works = [
        "The Salt Year", "A Map of Small Rooms", "Lanterns Over Eastmere", "The Quiet Ferry", "Tidewater",
        "Notes from the Ninth Floor", "After the Orchard", "Glasshouse Summer", "The Borrowed Coast", "Paper Weather",
    ]

    static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static let smallNumbers = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "10", "11", "12", "14", "15", "18",
        "20", "24", "30", "40",
    ]

    /// Sentences that fit any story, sport and culture included; mixed into every body so beats share
    /// a common newsroom voice.
    static let neutralSentences = Template.all([
        "{surname} did not respond to a request for comment on {weekday}.",
        "A spokesperson for {org} said the group would publish a fuller statement later in the week.",
        "The details were confirmed by two people familiar with the matter who were not authorised to speak publicly.",
        "{person2}, {role2}, said the picture would look different by the end of {month}.",
        "Residents of {region} have followed the developments closely, according to local radio.",
        "{surname2} struck a more cautious tone, describing the outcome as a beginning rather than an end.",
        "{person} told a small group of reporters that the past week had not been easy.",
        "{surname} has faced similar pressure before and has generally chosen to wait it out.",
        "The full text is expected to be published online by {org}.",
        "Interest in the subject has grown steadily in {country} over the past {num} years.",
        "Local newspapers in {region} have covered little else this week.",
        "The reaction online was swift and, for the most part, divided.",
        "{surname} thanked colleagues and said there was more work ahead.",
        "A fuller picture is expected once more information becomes available in {month}.",
        "Those involved said the past {num} weeks had been among the busiest they could remember.",
        "It was the latest in a series of announcements from {org} this year.",
        "Reporters waited outside for more than an hour before {surname} appeared.",
        "{surname2} later said the comments had been taken out of context.",
    ])

    /// Sentences about institutions, money and process: natural in politics or business copy, odd in
    /// a match report, so only beats marked `civic` use them.
    static let civicSentences = Template.all([
        "Officials in {city} have so far declined to put a firm date on the next step.",
        "Critics said the timing raised more questions than it answered.",
        "It was not immediately clear how the decision would be funded.",
        "The announcement followed {num} weeks of speculation in {country}.",
        "Analysts cautioned that the early numbers were likely to be revised.",
        "The last comparable episode, in {year}, took nearly {num} months to resolve.",
        "Several of those involved asked not to be named because discussions were continuing.",
        "A formal review is expected to report back before the end of {month}.",
        "The figures were first circulated in a briefing note seen by reporters in {city}.",
        "Supporters of the plan say it is overdue; opponents call it rushed.",
        "{org2} said it would study the proposal before taking a position.",
        "People in {region} said they had heard little from either side until this week.",
        "Turnout at a public meeting in {city} on {weekday} evening was higher than organisers expected.",
        "None of the parties has ruled out further changes.",
        "The episode has become a test of how quickly institutions in {country} can adapt.",
        "An earlier draft, circulated in {month}, had gone considerably further.",
        "Questions over cost and oversight are likely to dominate the coming weeks.",
        "Some of the most detailed criticism has come from inside {org}.",
        "Observers noted that the wording of the final statement had been softened overnight.",
        "For now, the practical effect on households is expected to be modest.",
        "By one count, the issue has come up {num} times in the past decade.",
    ])

    /// Closing sentences that credit a cited source: the text before and after its name.
    static let citationSentences: [(before: String, after: String)] = [
        ("A fuller account was published by ", "."), ("Earlier coverage by ", " reached similar conclusions."),
        ("The underlying figures were compiled by ", "."), ("Details were first reported by ", "."),
        ("", " has published a longer analysis."),
    ]

    /// Invented statistics bodies and think tanks that paragraphs cite alongside rival outlets.
    static let citedBodies: [(name: String, domain: String)] = [
        ("the Institute for Open Economies", "open-economies.example"),
        ("the Continental Statistics Office", "cso-stats.example"),
        ("the Lowmoor Policy Centre", "lowmoor-policy.example"),
        ("the Public Records Review", "public-records-review.example"),
        ("the Civic Data Project", "civic-data.example"),
    ]

    static let embedKinds = ["x", "bluesky", "mastodon", "post"]

    /// Bylines for articles without a named reporter.
    static let staffBylines = ["By Staff Reporters", "From wire reports", "By our correspondent", "By the Business Desk"]
}
