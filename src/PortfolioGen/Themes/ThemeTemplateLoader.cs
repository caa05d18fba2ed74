using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace PortfolioGen.Themes;

/// <summary>
/// Finds templates for <c>include</c> inside the theme's folders (a theme first, then the themes it
/// extends) and refuses any name that would leave them: absolute paths, <c>..</c> segments, backslashes,
/// drive letters. Scriban's own file loaders do not check this.
/// </summary>
public sealed class ThemeTemplateLoader(IReadOnlyList<string> roots) : ITemplateLoader
{
    /// <summary>The theme folders, most specific first, as full paths ending in a separator.</summary>
    public IReadOnlyList<string> Roots { get; } = roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r)) + Path.DirectorySeparatorChar).ToArray();

    /// <summary>Resolves a template name to a file, or null when no theme folder has it; throws for a name that leaves the theme.</summary>
    public string? Resolve(string name)
    {
        if (!IsSafeName(name))
        {
            throw new ArgumentException($"the template name '{name}' is not allowed: use a relative path inside the theme such as 'partials/nav.sbn'");
        }
        // A theme is read once per build, so what a name resolves to holds for the build: every page
        // includes the same partials, and asking the file system each time cost three calls per include.
        if (_resolved.TryGetValue(name, out var known)) return known;
        string? found = null;
        foreach (var root in Roots)
        {
            var full = Path.GetFullPath(Path.Combine(root, name));
            if (!full.StartsWith(root, StringComparison.Ordinal))
            {
                throw new ArgumentException($"the template name '{name}' leaves the theme folder");
            }
            if (File.Exists(full))
            {
                found = full;
                break;
            }
        }
        return _resolved.GetOrAdd(name, found);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> _resolved = new(StringComparer.Ordinal);

    /// <summary>Whether a name is a plain relative path without any way out of its folder.</summary>
    public static bool IsSafeName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) return false;
        if (name.Contains('\\', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal)) return false;
        if (name.StartsWith('/') || Path.IsPathRooted(name)) return false;
        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or "." or "..") return false;
        }
        return true;
    }

    /// <inheritdoc />
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        try
        {
            return Resolve(templateName) ?? throw new ScriptRuntimeException(callerSpan, $"the theme has no template '{templateName}'");
        }
        catch (ArgumentException e)
        {
            throw new ScriptRuntimeException(callerSpan, e.Message);
        }
    }

    /// <inheritdoc />
    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => File.ReadAllText(templatePath);

    /// <inheritdoc />
    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath)
        => new(Load(context, callerSpan, templatePath));
}

/// <summary>Wraps Scriban's <c>include</c> so that what a partial renders is markup, not text to escape again.</summary>
internal sealed class RawIncludeFunction(IScriptCustomFunction include) : IScriptCustomFunction
{
    public int RequiredParameterCount => include.RequiredParameterCount;
    public int ParameterCount => include.ParameterCount;
    public ScriptVarParamKind VarParamKind => include.VarParamKind;
    public Type ReturnType => typeof(RawHtml);
    public ScriptParameterInfo GetParameterInfo(int index) => include.GetParameterInfo(index);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        => new RawHtml(include.Invoke(context, callerContext, arguments, blockStatement) as string ?? "");

    public async ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        => new RawHtml(await include.InvokeAsync(context, callerContext, arguments, blockStatement).ConfigureAwait(false) as string ?? "");
}

/// <summary>A template function written as a delegate over its evaluated arguments, without reflection.</summary>
internal sealed class TemplateFunction(string name, int required, int maximum, Func<TemplateContext, ScriptNode?, ScriptArray, object?> body) : IScriptCustomFunction
{
    public int RequiredParameterCount => required;
    public int ParameterCount => maximum;
    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;
    public Type ReturnType => typeof(object);
    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "arg" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        if (arguments.Count < required || arguments.Count > maximum)
        {
            throw new ScriptRuntimeException(callerContext?.Span ?? default, $"'{name}' takes {(required == maximum ? required.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{required} to {maximum}")} argument(s), not {arguments.Count}");
        }
        return body(context, callerContext, arguments);
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        => new(Invoke(context, callerContext, arguments, blockStatement));
}
