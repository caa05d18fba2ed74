using System.Collections.Frozen;

namespace PortfolioGen.Profiles;

/// <summary>An arXiv subject class: its full code (<c>cs.CL</c>) and its name (<c>Computation and Language</c>).</summary>
/// <param name="Code">The code as arXiv writes it, or the profile's own text when the code is unknown.</param>
/// <param name="Name">The subject's name; for an unknown code, the code itself.</param>
/// <param name="Known">Whether the code is in arXiv's taxonomy.</param>
public sealed record Category(string Code, string Name, bool Known = true)
{
    /// <summary>The part after the archive, upper case (<c>CL</c> for <c>cs.CL</c>); what profiles write.</summary>
    public string ShortCode => Code.IndexOf('.', StringComparison.Ordinal) is var i and >= 0 ? Code[(i + 1)..] : Code;

    /// <summary>A lower-case, URL-safe form of the code (<c>cs-cl</c>), used in topic page paths.</summary>
    public string Slug => Text.Slugs.Slugify(Code, "topic");
}

/// <summary>
/// arXiv's subject classes: every Computer Science class plus the statistics, electrical engineering,
/// mathematics and quantitative-biology classes that machine-learning researchers list most.
/// Profiles write the bare subject (<c>CL</c>); a bare subject resolves to cs first, then stat, eess, math,
/// q-bio, econ, so <c>ML</c> is stat.ML and <c>AS</c> is eess.AS.
/// </summary>
public static class ArxivCategories
{
    private static readonly (string Code, string Name)[] Table =
    [
        ("cs.AI", "Artificial Intelligence"),
        ("cs.AR", "Hardware Architecture"),
        ("cs.CC", "Computational Complexity"),
        ("cs.CE", "Computational Engineering, Finance, and Science"),
        ("cs.CG", "Computational Geometry"),
        ("cs.CL", "Computation and Language"),
        ("cs.CR", "Cryptography and Security"),
        ("cs.CV", "Computer Vision and Pattern Recognition"),
        ("cs.CY", "Computers and Society"),
        ("cs.DB", "Databases"),
        ("cs.DC", "Distributed, Parallel, and Cluster Computing"),
        ("cs.DL", "Digital Libraries"),
        ("cs.DM", "Discrete Mathematics"),
        ("cs.DS", "Data Structures and Algorithms"),
        ("cs.ET", "Emerging Technologies"),
        ("cs.FL", "Formal Languages and Automata Theory"),
        ("cs.GL", "General Literature"),
        ("cs.GR", "Graphics"),
        ("cs.GT", "Computer Science and Game Theory"),
        ("cs.HC", "Human-Computer Interaction"),
        ("cs.IR", "Information Retrieval"),
        ("cs.IT", "Information Theory"),
        ("cs.LG", "Machine Learning"),
        ("cs.LO", "Logic in Computer Science"),
        ("cs.MA", "Multiagent Systems"),
        ("cs.MM", "Multimedia"),
        ("cs.MS", "Mathematical Software"),
        ("cs.NA", "Numerical Analysis"),
        ("cs.NE", "Neural and Evolutionary Computing"),
        ("cs.NI", "Networking and Internet Architecture"),
        ("cs.OH", "Other Computer Science"),
        ("cs.OS", "Operating Systems"),
        ("cs.PF", "Performance"),
        ("cs.PL", "Programming Languages"),
        ("cs.RO", "Robotics"),
        ("cs.SC", "Symbolic Computation"),
        ("cs.SD", "Sound"),
        ("cs.SE", "Software Engineering"),
        ("cs.SI", "Social and Information Networks"),
        ("cs.SY", "Systems and Control"),
        ("stat.AP", "Applications"),
        ("stat.CO", "Computation"),
        ("stat.ME", "Methodology"),
        ("stat.ML", "Machine Learning"),
        ("stat.OT", "Other Statistics"),
        ("stat.TH", "Statistics Theory"),
        ("eess.AS", "Audio and Speech Processing"),
        ("eess.IV", "Image and Video Processing"),
        ("eess.SP", "Signal Processing"),
        ("eess.SY", "Systems and Control"),
        ("math.IT", "Information Theory"),
        ("math.NA", "Numerical Analysis"),
        ("math.OC", "Optimization and Control"),
        ("math.PR", "Probability"),
        ("math.ST", "Statistics Theory"),
        ("q-bio.NC", "Neurons and Cognition"),
        ("q-bio.QM", "Quantitative Methods"),
        ("econ.EM", "Econometrics"),
        ("econ.GN", "General Economics"),
        ("quant-ph", "Quantum Physics"),
    ];

    private static readonly FrozenDictionary<string, Category> ByCode =
        Table.ToFrozenDictionary(t => t.Code, t => new Category(t.Code, t.Name), StringComparer.OrdinalIgnoreCase);

    // The first archive in table order wins for a bare subject: cs before stat before eess, and so on.
    private static readonly FrozenDictionary<string, Category> BySubject = Table
        .Where(t => t.Code.Contains('.', StringComparison.Ordinal))
        .GroupBy(t => t.Code[(t.Code.IndexOf('.', StringComparison.Ordinal) + 1)..], StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => ByCode[g.First().Code], StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known category, in table order.</summary>
    public static IReadOnlyList<Category> All { get; } = Table.Select(t => ByCode[t.Code]).ToArray();

    /// <summary>Resolves a profile's code (<c>CL</c>, <c>cs.CL</c>, <c>stat.ML</c>); false when unknown.</summary>
    public static bool TryResolve(string code, out Category category)
    {
        code = code.Trim();
        if (ByCode.TryGetValue(code, out category!) || BySubject.TryGetValue(code, out category!))
        {
            return true;
        }
        category = new Category(code, code, Known: false);
        return false;
    }

    /// <summary>Resolves a code, keeping an unknown one as its own name.</summary>
    public static Category Resolve(string code) => TryResolve(code, out var c) ? c : c;
}
