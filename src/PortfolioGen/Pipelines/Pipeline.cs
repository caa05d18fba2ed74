namespace PortfolioGen.Pipelines;

/// <summary>
/// The phases of a pipeline. Input and Process run as soon as the pipelines a pipeline depends on have
/// finished their Process phase; PostProcess runs once every pipeline has finished Process (so it can
/// see everything, e.g. to check links or list every page); Output runs only when the whole build is free
/// of errors, so a failed build writes nothing.
/// </summary>
public enum Phase
{
    /// <summary>Reads or creates documents.</summary>
    Input,
    /// <summary>Transforms them.</summary>
    Process,
    /// <summary>Works with the outputs of all pipelines.</summary>
    PostProcess,
    /// <summary>Writes them.</summary>
    Output,
}

/// <summary>
/// A named sequence of modules per phase, and the pipelines whose outputs it needs. Pipelines are nouns
/// (<c>Papers</c>, <c>CoAuthors</c>); subclasses fill the module lists in their constructor.
/// </summary>
public abstract class Pipeline
{
    /// <summary>The name; by default the class name.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>The names of the pipelines whose Process outputs this one reads.</summary>
    public HashSet<string> Dependencies { get; } = new(StringComparer.Ordinal);

    /// <summary>Modules of the Input phase.</summary>
    public List<IModule> InputModules { get; } = [];

    /// <summary>Modules of the Process phase.</summary>
    public List<IModule> ProcessModules { get; } = [];

    /// <summary>Modules of the PostProcess phase.</summary>
    public List<IModule> PostProcessModules { get; } = [];

    /// <summary>Modules of the Output phase.</summary>
    public List<IModule> OutputModules { get; } = [];

    /// <summary>Whether this pipeline's documents become files of the site (and so count for link checks).</summary>
    public bool Publishes { get; protected init; }

    /// <summary>The modules of a phase.</summary>
    public IReadOnlyList<IModule> this[Phase phase] => phase switch
    {
        Phase.Input => InputModules,
        Phase.Process => ProcessModules,
        Phase.PostProcess => PostProcessModules,
        _ => OutputModules,
    };
}
