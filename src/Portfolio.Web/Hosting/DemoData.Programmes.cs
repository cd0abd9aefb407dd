using Portfolio.Core.Accounts;

namespace Portfolio.Web.Hosting;

/// <summary>
/// What each shipped programme's demo cohort holds: people, groups, calendar, project and jury. Data only; DemoData.cs
/// builds it, and builds only the parts the programme uses (its components), so a description may carry details a
/// programme's components leave aside.
/// </summary>
public static partial class DemoData
{
    /// <summary>A demo participant: enrolled through the same path as an uploaded participant list.</summary>
    public sealed record DemoPerson(string Email, string FirstName, string LastName, string Organisation);

    /// <param name="Names">the groups formed; the participants are shared out among them in order</param>
    /// <param name="FacilitatedFirst">the demo facilitator runs the first group (co-development needs one)</param>
    /// <param name="CodevPlace">where the first group's next co-development session is held, when the programme uses co-development</param>
    public sealed record DemoGroups(string[] Names, bool FacilitatedFirst, string? CodevPlace);

    /// <param name="ModuleWord">"Module" or "Session": how the programme names a module day in its calendar</param>
    /// <param name="Modules">how many of the framework's pillars get a session, the first a week ago, then one every <paramref name="EveryDays"/> days</param>
    /// <param name="Places">where the modules are held, in turn</param>
    /// <param name="SeminarPlace">where the leadership seminars are held, when the programme has them</param>
    public sealed record DemoCalendar(string ModuleWord, int Modules, int EveryDays, int LengthDays, string[] Places, string SeminarPlace, DemoTrip? Trip);

    /// <param name="InDays">days from today to its first day</param>
    public sealed record DemoTrip(string Title, string Place, int InDays, int LengthDays);

    /// <summary>
    /// The first participant's transformation project, shared with her group: three milestones (the first reached) and
    /// advice asked of the second participant, who answered in the three usual parts.
    /// </summary>
    public sealed record DemoProject(string Title, string Context, string Ambition, (string Title, int InDays, string Note)[] Milestones,
        string Question, string Strengths, string Questions, string Suggestions);

    /// <param name="Code">the shipped programme (templates/programmes/&lt;code&gt;.json); the demo never creates it</param>
    /// <param name="Coordinators">demo coordinators assigned to the programme</param>
    /// <param name="CaseOrganisations">the organisations the case-study groups study, in turn</param>
    /// <param name="Jurors">the demo jurors of "Jury 1", the first chairing it</param>
    /// <param name="Candidates">how many of the first participants are its candidates</param>
    public sealed record DemoProgramme(string Code, string[] Coordinators, IReadOnlyList<DemoPerson> Participants, DemoGroups Groups,
        DemoCalendar? Calendar, string[] CaseOrganisations, DemoProject? Project, string[] Jurors, int Candidates);

    private const string Coordination1 = "coordination1@portfolio.test";
    private const string Coordination2 = "coordination2@portfolio.test";
    public const string FacilitatorEmail = "facilitation@portfolio.test";

    public static readonly IReadOnlyList<(string Email, string FirstName, string LastName, string Role)> Staff =
    [
        ("admin@portfolio.test", "Alice", "Administratrice", Roles.Admin),
        (Coordination1, "Claire", "Dubois", Roles.Coordinator),
        (Coordination2, "Marc", "Lemaire", Roles.Coordinator),
        ("jury1@portfolio.test", "Françoise", "Janssens", Roles.JuryMember),
        ("jury2@portfolio.test", "Pierre", "Lambert", Roles.JuryMember),
        ("jury3@portfolio.test", "Nadia", "Benali", Roles.JuryMember),
        ("jury4@portfolio.test", "Luc", "Peeters", Roles.JuryMember),
        (FacilitatorEmail, "Sophie", "Wauters", Roles.Facilitator),
    ];

    /// <summary>"chesp01@portfolio.test"...: one address prefix a programme, numbered in order.</summary>
    private static List<DemoPerson> People(string prefix, params (string FirstName, string LastName, string Organisation)[] people) =>
        [.. people.Select((p, i) => new DemoPerson($"{prefix}{i + 1:00}@portfolio.test", p.FirstName, p.LastName, p.Organisation))];

    /// <summary>
    /// The five shipped programmes. CIUM is the one the product was built for; coordination1 coordinates it alone,
    /// coordination2 coordinates all five (one account to visit every programme).
    /// </summary>
    public static readonly IReadOnlyList<DemoProgramme> Programmes =
    [
        new("cium", [Coordination1, Coordination2],
            People("participant",
                ("Amélie", "Dupont", "Service public de Wallonie"),
                ("Benoît", "Leroy", "Fédération Wallonie-Bruxelles"),
                ("Chloé", "Martin", "Ville de Namur"),
                ("David", "Simon", "Service public de Wallonie"),
                ("Élise", "Laurent", "Wallonie-Bruxelles International"),
                ("François", "Michel", "Ville de Liège"),
                ("Géraldine", "Lefèvre", "Office de la Naissance et de l'Enfance"),
                ("Hugo", "Renard", "Service public de Wallonie"),
                ("Inès", "Claes", "Fédération Wallonie-Bruxelles"),
                ("Julien", "Hubert", "Province de Hainaut"),
                ("Karima", "El Amrani", "Ville de Charleroi"),
                ("Laurent", "Goossens", "Agence wallonne du Patrimoine")),
            new(["Groupe Meuse", "Groupe Sambre"], FacilitatedFirst: true, "Université de Namur, salle de codéveloppement"),
            // The first module a week ago (something to reflect on), the next one ahead, the leadership seminars at the
            // end of the pillars they follow and a study trip.
            new("Module", 2, 21, 1, ["Université de Namur, salle Pedro Arrupe"], "Louvain-la-Neuve, Château de Nivelles",
                new("Voyage d'étude à Strasbourg (Conseil de l'Europe)", "Strasbourg", 200, 3)),
            ["SPF Finances", "Ville de Namur", "Service public de Wallonie Mobilité", "CPAS de Liège"],
            Project: null,
            ["jury1@portfolio.test", "jury2@portfolio.test", "jury3@portfolio.test", "jury4@portfolio.test"], Candidates: 3),

        // CHESP: senior officials of the three French civil services and the judiciary; "vis ma vie" pairs.
        new("chesp", [Coordination2],
            People("chesp",
                ("Camille", "Rousseau", "Ministère de l'Intérieur"),
                ("Thomas", "Garnier", "Hospices civils de Lyon"),
                ("Sandrine", "Mercier", "Région Occitanie"),
                ("Olivier", "Fabre", "Cour d'appel de Douai"),
                ("Nathalie", "Girard", "Ministère des Armées"),
                ("Yannick", "Bertrand", "Ville de Lille")),
            new(["Binôme 1", "Binôme 2", "Binôme 3"], FacilitatedFirst: false, CodevPlace: null),
            new("Session", 3, 42, 2, ["Institut national du service public, Paris", "Hospices civils de Lyon", "Institut national du service public, Strasbourg"], "", null),
            [],
            new("Décloisonner l'accueil des étrangers en préfecture",
                "Les demandes de titre de séjour passent par trois services qui ne partagent ni outils ni calendrier ; l'attente dépasse quatre mois.",
                "Un parcours unique, suivi de bout en bout par une équipe mixte, et un délai ramené à six semaines.",
                [("Réunir les trois chefs de service autour du parcours de l'usager", -7, "Un atelier d'une demi-journée."),
                 ("Expérimenter un guichet commun pour les renouvellements", 60, ""),
                 ("Présenter le bilan au préfet et au jury du cycle", 150, "")],
                "Comment embarquer des chefs de service qui n'ont pas choisi ce projet ?",
                "Partir du parcours de l'usager rend le projet parlant pour chacun des trois services.",
                "Quel service gagne le plus à la réussite du projet, et peut-il en devenir le porteur ?",
                "Associez un chef de service à la présentation du premier bilan : il parlera pour le projet."),
            ["jury2@portfolio.test", "jury1@portfolio.test", "jury3@portfolio.test", "jury4@portfolio.test"], Candidates: 1),

        // ENA's "Piloter la transformation publique": senior managers of the three civil services who lead a transformation.
        new("ena-transformation-publique", [Coordination2],
            People("ena",
                ("Isabelle", "Moreau", "Direction générale des Finances publiques"),
                ("Mathieu", "Perrin", "Préfecture de la Gironde"),
                ("Aurélie", "Chevalier", "Département de la Gironde"),
                ("Stéphane", "Roux", "Assistance publique – Hôpitaux de Paris"),
                ("Émilie", "Faure", "Ministère de l'Éducation nationale")),
            new(["Groupe Seine", "Groupe Garonne"], FacilitatedFirst: false, CodevPlace: null),
            new("Module", 3, 35, 2, ["Institut national du service public, Strasbourg", "Institut national du service public, Paris", "Darwin, Bordeaux"], "", null),
            [],
            new("Piloter le service des impôts par la qualité rendue aux usagers",
                "Les indicateurs du service comptent les dossiers traités, pas les réponses utiles : les usagers rappellent trois fois en moyenne.",
                "Des indicateurs de qualité choisis avec les agents et les usagers, suivis chaque mois en équipe.",
                [("Interroger cinquante usagers sur leur dernier contact avec le service", -7, "Un questionnaire court, à l'accueil et au téléphone."),
                 ("Construire trois indicateurs avec les équipes", 45, ""),
                 ("Présenter le premier tableau de bord au comité de direction", 140, "")],
                "Comment éviter que de nouveaux indicateurs soient vécus comme un contrôle de plus ?",
                "Partir de la parole des usagers donne du sens aux indicateurs.",
                "Les agents pourront-ils proposer eux-mêmes un indicateur ?",
                "Essayez le tableau de bord avec une seule équipe volontaire avant de l'étendre."),
            ["jury3@portfolio.test", "jury4@portfolio.test", "jury1@portfolio.test", "jury2@portfolio.test"], Candidates: 1),

        // INET: general managers of local authorities; a module of two and a half days a month, a study trip abroad
        // between modules 4 and 5, and practice analysis between the modules, at a distance.
        new("inet-direction-generale", [Coordination2],
            People("inet",
                ("Philippe", "Marchand", "Métropole européenne de Lille"),
                ("Valérie", "Lemoine", "Département du Nord"),
                ("Christophe", "Dumas", "Ville de Grenoble"),
                ("Sylvie", "Boyer", "Région Bretagne"),
                ("Frédéric", "Colin", "Communauté d'agglomération du Pays basque"),
                ("Hélène", "Vidal", "Ville de Montpellier")),
            new(["Groupe d'analyse de pratiques"], FacilitatedFirst: true, "À distance (visioconférence)"),
            new("Module", 6, 28, 3, ["Institut national des études territoriales, Strasbourg", "INSET de Montpellier", "INSET de Nancy"], "",
                new("Voyage d'étude à Copenhague", "Copenhague", 91, 5)),
            [], Project: null, [], Candidates: 0),

        // The ministry's executive community: peer groups in co-development with a trained facilitator.
        new("communaute-cadres-dirigeants", [Coordination2],
            People("communaute",
                ("Agnès", "Fontaine", "DREAL Occitanie"),
                ("Bruno", "Lacroix", "DDT du Nord"),
                ("Céline", "Masson", "Direction générale de l'aménagement, du logement et de la nature"),
                ("Damien", "Picard", "DIR Est"),
                ("Estelle", "Gauthier", "Cerema"),
                ("Fabien", "Roche", "DDTM de Loire-Atlantique")),
            new(["Groupe de pairs 1"], FacilitatedFirst: true, "Paris La Défense, Grande Arche, salle 4B"),
            Calendar: null,
            [], Project: null, [], Candidates: 0),
    ];
}
