import NewsModels

/// The project's own invented coverage of events other than the seeds' summit, each article labelled
/// with its true event. Several are deliberately close to the summit: the same leaders weeks later,
/// other summits in the same week, the steel deal months on, tariffs on the same days.
enum OtherEvents {
    /// One labelled fixture article.
    struct Labelled {
        let event: String
        let article: Article
    }

    static func make(_ event: String, _ n: Int, _ outlet: String, _ date: String, _ title: String, _ dek: String?,
                     _ paragraphs: [String], language: String = "en") -> Labelled {
        Labelled(event: event, article: Article(
            id: "fixture-\(event)-\(n)", source: Source(id: outlet, name: outlet), title: title, dek: dek, language: language,
            publishedAt: Timestamp(rfc3339: date)!, blocks: paragraphs.map { .paragraph(text: $0) }))
    }

    static let all: [Labelled] = [
        // Same two leaders, two months later, about tariffs: same topic, far apart in time.
        make("ishiba-trump-call-2025-04", 1, "paper-a.example", "2025-04-07T22:10:00+09:00",
             "Ishiba and Trump agree to keep talking on tariffs in late-night call", nil,
             ["Shigeru Ishiba spoke with Donald Trump for about 25 minutes on Monday night and asked him to reconsider the levies on Japanese cars.",
              "The two sides agreed to name ministers who will carry on negotiations over the coming weeks, Tokyo officials said."]),
        make("ishiba-trump-call-2025-04", 2, "wire-b.example", "2025-04-07T14:30:00Z",
             "Japan names negotiator after Ishiba–Trump phone call on car levies", "Tokyo wants an exemption from the new auto tariffs.",
             ["After a phone call between Ishiba and Trump on Monday, Japan said it would send a cabinet minister to Washington to negotiate over the auto tariffs.",
              "Ishiba told reporters the levies would hurt investment that Japanese carmakers have made in American factories."]),
        make("ishiba-trump-call-2025-04", 3, "daily-c.example", "2025-04-08T08:00:00+09:00",
             "Tariff talks: Tokyo to dispatch minister after leaders' call", nil,
             ["Japan will dispatch a minister to Washington for tariff negotiations, a step agreed on in Monday's phone call between Ishiba and Trump.",
              "Carmakers in Aichi warned that the levies on Japanese cars could cut exports sharply this year."]),

        // Another first summit in the same week, different leaders and capital.
        make("ottawa-summit-2025-02", 1, "wire-b.example", "2025-02-11T18:00:00Z",
             "Trudeau and Sheinbaum hold first summit in Ottawa, vow to coordinate on border", nil,
             ["Justin Trudeau hosted Claudia Sheinbaum in Ottawa on Tuesday for their first bilateral summit, where the two leaders promised joint work on border security and fentanyl.",
              "Canada and Mexico also agreed to expand a seasonal farm worker programme, according to a joint declaration."]),
        make("ottawa-summit-2025-02", 2, "paper-a.example", "2025-02-12T07:00:00-05:00",
             "Canada, Mexico pledge united front at Ottawa meeting", "The leaders met as both countries face pressure from Washington.",
             ["Meeting in Ottawa, Trudeau and Sheinbaum said Canada and Mexico would present a united front on trade and on the fentanyl crisis.",
              "The farm worker programme will grow by several thousand places, Sheinbaum told a news conference on Parliament Hill."]),
        make("ottawa-summit-2025-02", 3, "daily-c.example", "2025-02-11T21:15:00Z",
             "Sheinbaum's Ottawa visit ends with border and farm worker deals", nil,
             ["Claudia Sheinbaum wrapped up a one-day visit to Ottawa with agreements on border cooperation and seasonal farm workers.",
              "Trudeau called the talks with Mexico frank and said the two countries would coordinate on fentanyl seizures."]),

        // The steel deal, months later.
        make("nippon-steel-approval-2025-06", 1, "wire-b.example", "2025-06-14T02:00:00Z",
             "Nippon Steel completes purchase of U.S. Steel after golden share deal", nil,
             ["Nippon Steel closed its acquisition of U.S. Steel after agreeing to give Washington a golden share with a veto over some decisions.",
              "The Pittsburgh steelmaker keeps its name and headquarters under the agreement, the companies said in a statement."]),
        make("nippon-steel-approval-2025-06", 2, "paper-a.example", "2025-06-14T09:30:00+09:00",
             "Golden share clears way for Nippon Steel takeover", "The Japanese steelmaker finally owns its American rival.",
             ["The takeover of U.S. Steel by Nippon Steel went through on Friday once a golden share arrangement satisfied the White House.",
              "Nippon Steel pledged to invest in the Pittsburgh mills and to keep U.S. Steel headquarters in Pennsylvania."]),
        make("nippon-steel-approval-2025-06", 3, "daily-c.example", "2025-06-18T10:00:00-04:00",
             "Pittsburgh steelworkers weigh life under Nippon Steel", nil,
             ["Days after Nippon Steel completed the U.S. Steel purchase, steelworkers in Pittsburgh said they were waiting to see whether the promised investment arrives.",
              "The golden share gives Washington a say over plant closures, which union members called the only reassurance they had."]),

        // Another leader at the White House a few days after the seeds' summit.
        make("modi-white-house-2025-02", 1, "wire-b.example", "2025-02-13T23:00:00Z",
             "Modi meets Trump, promises more energy purchases and defence deals", nil,
             ["Narendra Modi met Donald Trump at the White House on Thursday and said India would buy more American oil, gas and military equipment.",
              "Modi and Trump set a goal of doubling bilateral trade with India by the end of the decade."]),
        make("modi-white-house-2025-02", 2, "paper-a.example", "2025-02-14T10:00:00+05:30",
             "India and U.S. target trade deal by autumn after Modi visit", nil,
             ["New Delhi and Washington will negotiate the first part of a trade agreement by autumn, Modi said after talks with Trump.",
              "India also agreed to take back citizens living illegally in the United States, the Indian foreign secretary said."]),

        // Tariffs on neighbours, the same days as the preview.
        make("tariffs-canada-mexico-2025-02", 1, "wire-b.example", "2025-02-01T23:00:00Z",
             "Trump signs order imposing tariffs on Canada, Mexico and China", nil,
             ["Donald Trump signed an order on Saturday placing 25 percent tariffs on goods from Canada and Mexico and 10 percent on Chinese imports.",
              "Canadian energy faces a lower rate of 10 percent, the order said, citing fentanyl and migration at the borders."]),
        make("tariffs-canada-mexico-2025-02", 2, "paper-a.example", "2025-02-02T09:00:00-05:00",
             "Canada vows retaliation as Trump tariffs loom", "Ottawa drew up a list of American goods to tax in response.",
             ["Canada said it would answer Trump's 25 percent tariffs with levies of its own on American goods, from orange juice to appliances.",
              "Mexico also promised a response, while China said it would challenge the tariffs at the World Trade Organization."]),
        make("tariffs-canada-mexico-2025-02", 3, "daily-c.example", "2025-02-03T20:00:00Z",
             "Tariffs on Mexico paused for a month after border pledge", nil,
             ["Trump paused the tariffs on Mexico for 30 days after Mexico agreed to send troops to the border, hours before the levies were due.",
              "Talks with Canada on the 25 percent tariffs continued through Monday, with markets swinging on every report."]),

        // A central bank decision in Tokyo the week before the preview.
        make("boj-rate-hike-2025-01", 1, "wire-b.example", "2025-01-24T04:00:00Z",
             "Bank of Japan raises rates to highest level since 2008", nil,
             ["The Bank of Japan lifted its short-term policy rate to 0.5 percent on Friday, citing steady wage gains and inflation above its target.",
              "Governor Kazuo Ueda said further increases would depend on whether spring wage talks deliver raises again."]),
        make("boj-rate-hike-2025-01", 2, "paper-a.example", "2025-01-24T15:30:00+09:00",
             "BOJ hikes to 0.5%, yen firms", "Ueda signals more increases if wages keep rising.",
             ["The yen strengthened after the Bank of Japan raised its policy rate to 0.5 percent, the first move since July.",
              "Kazuo Ueda told reporters that real interest rates remain deeply negative and the bank would keep raising if its outlook holds."]),
        make("boj-rate-hike-2025-01", 3, "daily-c.example", "2025-01-25T09:00:00+09:00",
             "Borrowers brace for higher mortgage costs after Bank of Japan move", nil,
             ["Banks in Japan are expected to lift variable mortgage rates after the Bank of Japan raised its policy rate to 0.5 percent.",
              "Ueda's comments on further increases pushed yields on government bonds to their highest in over a decade."]),

        // Japanese-only coverage of a snowstorm in the same fortnight.
        make("hokkaido-snow-2025-02", 1, "nippo-a.example", "2025-02-04T07:00:00+09:00",
             "北海道で記録的な大雪、帯広で観測史上最多の積雪", nil,
             ["北海道の帯広市では四日朝までの十二時間に百二十センチの降雪を観測し、観測史上最多となった。",
              "ＪＲ北海道は帯広と札幌を結ぶ特急を終日運休とし、市内の小中学校も臨時休校となった。"], language: "ja"),
        make("hokkaido-snow-2025-02", 2, "nippo-b.example", "2025-02-04T12:30:00+09:00",
             "帯広で積雪最多　特急運休、学校休校相次ぐ", nil,
             ["記録的な大雪となった帯広市では、特急の運休や小中学校の休校が相次いだ。",
              "気象台によると、十二時間の降雪量は観測史上最多で、北海道の東部では大雪が続く見込み。"], language: "ja"),
        make("hokkaido-snow-2025-02", 3, "nippo-c.example", "2025-02-05T08:00:00+09:00",
             "帯広の大雪、除雪作業続く　物流にも影響", nil,
             ["観測史上最多の積雪となった帯広市では五日も除雪作業が続き、トラックの到着が遅れるなど物流にも影響が出た。",
              "北海道内の特急は一部で運転を再開したが、帯広方面は運休が続いている。"], language: "ja"),

        // A space mission.
        make("kestrel-lander-2025-03", 1, "wire-b.example", "2025-03-02T09:00:00Z",
             "Kestrel lander touches down near lunar south pole", nil,
             ["The privately built Kestrel lander settled on the Moon near the south pole on Sunday, its operator Corvane Aerospace said.",
              "Kestrel carries a drill meant to look for water ice in the shadowed craters around its landing site."]),
        make("kestrel-lander-2025-03", 2, "paper-a.example", "2025-03-02T18:00:00+01:00",
             "Corvane's Kestrel probe lands on the Moon", "The lander will drill for ice for two weeks.",
             ["Corvane Aerospace confirmed that Kestrel landed upright near the lunar south pole and sent back its first pictures.",
              "The drill on board Kestrel will search for water ice until the lunar night ends the mission."]),
        make("kestrel-lander-2025-03", 3, "daily-c.example", "2025-03-03T12:00:00Z",
             "First pictures from Kestrel show boulder-strewn south pole", nil,
             ["Images sent by the Kestrel lander show a field of boulders at its site near the Moon's south pole.",
              "Corvane Aerospace said the drill would begin searching for ice on Tuesday."]),

        // A fire in an invented harbour city.
        make("brackwater-fire-2025-02", 1, "wire-b.example", "2025-02-08T06:00:00Z",
             "Fire destroys historic ferry terminal in Brackwater", nil,
             ["A fire overnight gutted the wooden ferry terminal in Brackwater, the port city's oldest public building, firefighters said.",
              "No one was hurt, but ferry services to the Selby Islands were suspended until further notice."]),
        make("brackwater-fire-2025-02", 2, "paper-a.example", "2025-02-08T14:00:00Z",
             "Brackwater ferry terminal lost to blaze, island services halted", nil,
             ["Brackwater residents gathered on the quay as firefighters fought the blaze at the ferry terminal through the night.",
              "Services to the Selby Islands are halted and the council is looking for a temporary terminal."]),

        // A marathon record.
        make("valdoro-marathon-2025-03", 1, "wire-b.example", "2025-03-16T12:00:00Z",
             "Amara Okonjo breaks course record at Valdoro marathon", nil,
             ["Amara Okonjo won the Valdoro marathon in 2:17:40 on Sunday, cutting almost a minute from the women's course record.",
              "Okonjo pulled away from the lead group at the 30-kilometre mark along the river."]),
        make("valdoro-marathon-2025-03", 2, "paper-a.example", "2025-03-16T19:00:00+01:00",
             "Okonjo storms to Valdoro record", nil,
             ["Amara Okonjo ran away from her rivals after 30 kilometres to win in Valdoro in a course record of 2:17:40.",
              "It was Okonjo's first marathon win since returning from injury last year."]),

        // An industrial story in Japan the same week as the summit.
        make("kumamoto-chip-plant-2025-02", 1, "wire-b.example", "2025-02-06T03:00:00Z",
             "Second chip plant in Kumamoto gets subsidy approval", nil,
             ["Japan's industry ministry approved a subsidy for a second semiconductor plant in Kumamoto, to be built next to the first fab in Kikuyo.",
              "Local officials worry about groundwater and traffic as the Kumamoto chip cluster grows."]),
        make("kumamoto-chip-plant-2025-02", 2, "paper-a.example", "2025-02-06T18:00:00+09:00",
             "Kumamoto's chip boom: second fab approved, traffic worries grow", nil,
             ["A second semiconductor fab in Kikuyo, Kumamoto received government subsidy approval on Thursday.",
              "Residents near the plants complain of traffic jams and ask about the groundwater the fabs will use."]),

        // Unrelated singletons.
        make("library-opening-2025-02", 1, "daily-c.example", "2025-02-09T10:00:00Z",
             "New public library opens in Fernhill with a rooftop reading garden", nil,
             ["Fernhill's new public library opened on Sunday with a rooftop reading garden and a workshop for repairing bicycles.",
              "The building replaces a branch that closed after flood damage three years ago."]),
        make("cheese-festival-2025-02", 1, "paper-a.example", "2025-02-10T09:00:00Z",
             "Mountain cheese festival draws record crowds in Lindau valley", nil,
             ["More than forty dairies brought wheels of mountain cheese to the Lindau valley festival, which drew record crowds.",
              "A cheesemaker from the upper valley won the prize for the best aged wheel."]),
        make("museum-acquisition-2025-02", 1, "wire-b.example", "2025-02-07T16:00:00Z",
             "Harbour museum acquires whaling-era logbooks", nil,
             ["The harbour museum in Port Ellery bought a set of whaling-era logbooks that record voyages across the southern ocean.",
              "Curators plan to digitise the logbooks so researchers can study historical sea ice."]),
    ]
}
