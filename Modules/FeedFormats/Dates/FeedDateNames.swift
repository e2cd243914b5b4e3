/// The words dates are written with: month and weekday names in the languages feeds are written in
/// (in the lowercase, unaccented form the tokenizer produces), meridiems, fillers and zone names.
enum FeedDateNames {
    /// Every known word and its meaning.
    static let words: [String: FeedDateWord] = {
        var table: [String: FeedDateWord] = [:]
        for (index, names) in months.enumerated() {
            for name in names.split(separator: " ") { table[String(name)] = .month(index + 1) }
        }
        for name in weekdays.split(separator: " ") {
            let name = String(name)
            if case let .month(month)? = table[name] { table[name] = .monthOrWeekday(month) } else { table[name] = .weekday }
        }
        table["am"] = .meridiem(pm: false)
        table["pm"] = .meridiem(pm: true)
        table["오전"] = .meridiem(pm: false)
        table["오후"] = .meridiem(pm: true)
        for name in ["st", "nd", "rd", "th", "of", "on", "the", "t", "de", "del", "feira"] { table[name] = .filler }
        for (name, minutes) in zones { table[name] = .zone(minutes: minutes) }
        table["at"] = .fillerOrZone(minutes: -240)
        return table
    }()

    /// Month names and abbreviations, January first: English, German, Dutch, French, Spanish,
    /// Portuguese, Italian, Hungarian, Scandinavian and Greek, as feeds write them in RFC 822's shape.
    private static let months = [
        "jan january januar januari janvier janv enero ene janeiro gennaio gen januar ιαν ιανουαριου",
        "feb february februar februari fevrier fevr febrero fevereiro fev febbraio φεβ φεβρουαριου",
        "mar march marz mrz maart mrt mars marzo marco μαρ μαρτιου marcius",
        "apr april avril avr abril abr aprile aprilis απρ απριλιου",
        "may mai mei mayo maio maggio mag maj majus μαι μαιου",
        "jun june juni juin junio junho giugno giu junius ιουν ιον ιουνιου",
        "jul july juli juillet juil julio julho luglio lug julius ιουλ ιολ ιουλιου",
        "aug august augustus aout agosto ago augusztus αυγ αυγουστου",
        "sep sept september septembre septiembre setiembre setembro set settembre szeptember σεπ σεπτεμβριου",
        "oct october oktober okt octobre octubre outubro out ottobre ott οκτ οκτωβριου",
        "nov november novembre noviembre novembro νοε νοεμβριου",
        "dec december dezember dez decembre diciembre dic dezembro dicembre δεκ δεκεμβριου",
    ]

    /// Weekday names and abbreviations in the same languages; one that is also a month (`mar`) is
    /// read as whichever the date's shape needs.
    private static let weekdays = """
        mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday \
        mo di mi do fr sa so montag dienstag mittwoch donnerstag freitag samstag sonntag \
        ma wo vr za zo maandag dinsdag woensdag donderdag vrijdag zaterdag zondag \
        lun mer jeu ven sam dim lundi mardi mercredi jeudi vendredi samedi dimanche \
        mar mie jue vie sab dom lunes martes miercoles jueves viernes sabado domingo \
        seg ter qua qui sex segunda terca quarta quinta sexta \
        gio lunedi martedi mercoledi giovedi venerdi \
        hetfo kedd szerda csutortok pentek szombat vasarnap \
        κυρ δευ τρι τετ πεμ παρ σαβ
        """

    /// Zone names and their offsets in minutes (North American, European and Asia-Pacific names,
    /// and the bare `ET`/`CT`/`MT`/`PT` feeds write).
    private static let zones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "wet": 0,
        "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
        "pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600,
        "ast": -240, "adt": -180, "et": -300, "ct": -360, "mt": -420, "pt": -480,
        "bst": 60, "cet": 60, "cest": 120, "met": 60, "mest": 120, "west": 60, "eet": 120, "eest": 180,
        "msk": 180, "jst": 540, "kst": 540, "hkt": 480, "sgt": 480, "awst": 480,
        "acst": 570, "acdt": 630, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
    ]
}
