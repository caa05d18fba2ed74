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
/// arXiv's category taxonomy (https://arxiv.org/category_taxonomy): every subject class of every archive (<c>cs.CL</c>,
/// <c>math.AG</c>, <c>astro-ph.CO</c>, <c>cond-mat.stat-mech</c>, <c>physics.optics</c>), and the archives that have no
/// subject classes (<c>hep-th</c>, <c>gr-qc</c>, <c>quant-ph</c>). Profiles write a cs subject bare (<c>CL</c>); a bare
/// subject resolves to the first archive that has it in this order: cs, stat, eess, econ, math, q-bio, q-fin, astro-ph,
/// nlin. So <c>ML</c> is stat.ML, <c>AS</c> eess.AS, <c>GN</c> econ.GN and <c>AG</c> math.AG, as they were before the
/// whole taxonomy was listed (the order keeps every bare subject that resolved then resolving to the same class).
/// </summary>
public static class ArxivCategories
{
    // In the order bare subjects resolve in (see above); within an archive, as arXiv lists it.
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
        ("econ.EM", "Econometrics"),
        ("econ.GN", "General Economics"),
        ("econ.TH", "Theoretical Economics"),
        ("math.AC", "Commutative Algebra"),
        ("math.AG", "Algebraic Geometry"),
        ("math.AP", "Analysis of PDEs"),
        ("math.AT", "Algebraic Topology"),
        ("math.CA", "Classical Analysis and ODEs"),
        ("math.CO", "Combinatorics"),
        ("math.CT", "Category Theory"),
        ("math.CV", "Complex Variables"),
        ("math.DG", "Differential Geometry"),
        ("math.DS", "Dynamical Systems"),
        ("math.FA", "Functional Analysis"),
        ("math.GM", "General Mathematics"),
        ("math.GN", "General Topology"),
        ("math.GR", "Group Theory"),
        ("math.GT", "Geometric Topology"),
        ("math.HO", "History and Overview"),
        ("math.IT", "Information Theory"),
        ("math.KT", "K-Theory and Homology"),
        ("math.LO", "Logic"),
        ("math.MG", "Metric Geometry"),
        ("math.MP", "Mathematical Physics"),
        ("math.NA", "Numerical Analysis"),
        ("math.NT", "Number Theory"),
        ("math.OA", "Operator Algebras"),
        ("math.OC", "Optimization and Control"),
        ("math.PR", "Probability"),
        ("math.QA", "Quantum Algebra"),
        ("math.RA", "Rings and Algebras"),
        ("math.RT", "Representation Theory"),
        ("math.SG", "Symplectic Geometry"),
        ("math.SP", "Spectral Theory"),
        ("math.ST", "Statistics Theory"),
        ("q-bio.BM", "Biomolecules"),
        ("q-bio.CB", "Cell Behavior"),
        ("q-bio.GN", "Genomics"),
        ("q-bio.MN", "Molecular Networks"),
        ("q-bio.NC", "Neurons and Cognition"),
        ("q-bio.OT", "Other Quantitative Biology"),
        ("q-bio.PE", "Populations and Evolution"),
        ("q-bio.QM", "Quantitative Methods"),
        ("q-bio.SC", "Subcellular Processes"),
        ("q-bio.TO", "Tissues and Organs"),
        ("q-fin.CP", "Computational Finance"),
        ("q-fin.EC", "Economics"),
        ("q-fin.GN", "General Finance"),
        ("q-fin.MF", "Mathematical Finance"),
        ("q-fin.PM", "Portfolio Management"),
        ("q-fin.PR", "Pricing of Securities"),
        ("q-fin.RM", "Risk Management"),
        ("q-fin.ST", "Statistical Finance"),
        ("q-fin.TR", "Trading and Market Microstructure"),
        ("astro-ph.CO", "Cosmology and Nongalactic Astrophysics"),
        ("astro-ph.EP", "Earth and Planetary Astrophysics"),
        ("astro-ph.GA", "Astrophysics of Galaxies"),
        ("astro-ph.HE", "High Energy Astrophysical Phenomena"),
        ("astro-ph.IM", "Instrumentation and Methods for Astrophysics"),
        ("astro-ph.SR", "Solar and Stellar Astrophysics"),
        ("nlin.AO", "Adaptation and Self-Organizing Systems"),
        ("nlin.CD", "Chaotic Dynamics"),
        ("nlin.CG", "Cellular Automata and Lattice Gases"),
        ("nlin.PS", "Pattern Formation and Solitons"),
        ("nlin.SI", "Exactly Solvable and Integrable Systems"),
        // Subject classes written in lower case, with hyphens: never bare in a profile.
        ("cond-mat.dis-nn", "Disordered Systems and Neural Networks"),
        ("cond-mat.mes-hall", "Mesoscale and Nanoscale Physics"),
        ("cond-mat.mtrl-sci", "Materials Science"),
        ("cond-mat.other", "Other Condensed Matter"),
        ("cond-mat.quant-gas", "Quantum Gases"),
        ("cond-mat.soft", "Soft Condensed Matter"),
        ("cond-mat.stat-mech", "Statistical Mechanics"),
        ("cond-mat.str-el", "Strongly Correlated Electrons"),
        ("cond-mat.supr-con", "Superconductivity"),
        ("physics.acc-ph", "Accelerator Physics"),
        ("physics.ao-ph", "Atmospheric and Oceanic Physics"),
        ("physics.app-ph", "Applied Physics"),
        ("physics.atm-clus", "Atomic and Molecular Clusters"),
        ("physics.atom-ph", "Atomic Physics"),
        ("physics.bio-ph", "Biological Physics"),
        ("physics.chem-ph", "Chemical Physics"),
        ("physics.class-ph", "Classical Physics"),
        ("physics.comp-ph", "Computational Physics"),
        ("physics.data-an", "Data Analysis, Statistics and Probability"),
        ("physics.ed-ph", "Physics Education"),
        ("physics.flu-dyn", "Fluid Dynamics"),
        ("physics.gen-ph", "General Physics"),
        ("physics.geo-ph", "Geophysics"),
        ("physics.hist-ph", "History and Philosophy of Physics"),
        ("physics.ins-det", "Instrumentation and Detectors"),
        ("physics.med-ph", "Medical Physics"),
        ("physics.optics", "Optics"),
        ("physics.plasm-ph", "Plasma Physics"),
        ("physics.pop-ph", "Popular Physics"),
        ("physics.soc-ph", "Physics and Society"),
        ("physics.space-ph", "Space Physics"),
        // Archives without subject classes.
        ("gr-qc", "General Relativity and Quantum Cosmology"),
        ("hep-ex", "High Energy Physics - Experiment"),
        ("hep-lat", "High Energy Physics - Lattice"),
        ("hep-ph", "High Energy Physics - Phenomenology"),
        ("hep-th", "High Energy Physics - Theory"),
        ("math-ph", "Mathematical Physics"),
        ("nucl-ex", "Nuclear Experiment"),
        ("nucl-th", "Nuclear Theory"),
        ("quant-ph", "Quantum Physics"),
    ];

    private static readonly FrozenDictionary<string, Category> ByCode =
        Table.ToFrozenDictionary(t => t.Code, t => new Category(t.Code, t.Name), StringComparer.OrdinalIgnoreCase);

    // The first archive in table order wins for a bare subject: cs before stat before eess, and so on. Only the two
    // capitals profiles write bare: "optics" alone is no category (physics.optics is).
    private static readonly FrozenDictionary<string, Category> BySubject = Table
        .Where(t => t.Code.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 && t.Code.AsSpan(dot + 1).IndexOfAnyExceptInRange('A', 'Z') < 0)
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
