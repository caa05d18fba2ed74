using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PortfolioGen.Site;

/// <summary>
/// Reads a YAML mapping into typed values with the diagnostics a user needs: an unknown key is a warning
/// naming its line, a value of the wrong type an error naming its line, a syntax error an error at its
/// position. Used for <c>site.yml</c> and for front matter (whose lines are offset within their file).
/// </summary>
public sealed class YamlReader
{
    private readonly string _file;
    private readonly int _lineOffset;
    private readonly List<Diagnostic> _diagnostics;
    private readonly string _unknownCode;
    private readonly string _typeCode;

    private YamlReader(string file, int lineOffset, List<Diagnostic> diagnostics, string unknownCode, string typeCode)
    {
        _file = file;
        _lineOffset = lineOffset;
        _diagnostics = diagnostics;
        _unknownCode = unknownCode;
        _typeCode = typeCode;
    }

    /// <summary>
    /// Parses YAML text whose first line is line <paramref name="lineOffset"/>+1 of <paramref name="file"/>.
    /// Returns the root mapping (an empty one for an empty document), or null after a syntax error or a
    /// root that is not a mapping (both reported).
    /// </summary>
    public static (YamlReader Reader, Map? Root) Parse(string text, string file, int lineOffset, List<Diagnostic> diagnostics,
        string syntaxCode, string unknownCode, string typeCode)
    {
        var reader = new YamlReader(file, lineOffset, diagnostics, unknownCode, typeCode);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line + lineOffset;
            var message = e.InnerException is { } inner ? inner.Message : e.Message;
            // YamlDotNet prefixes its messages with the position, which the diagnostic already carries.
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0) message = message[(cut + 3)..];
            // An alias whose anchor is never defined: YamlDotNet finds it after parsing, when it no longer knows where
            // the alias stands (its marks are the document's start), so the alias is looked for again.
            if (e is AnchorNotFoundException && UndefinedAlias(text) is { } alias)
            {
                (line, message) = ((int)alias.Start.Line + lineOffset, $"the anchor '{alias.Value}' is not defined (an alias *{alias.Value} must follow its &{alias.Value})");
                diagnostics.Add(Diagnostic.Error(syntaxCode, file, line, Math.Max((int)alias.Start.Column, 1), "YAML syntax: " + message));
                return (reader, null);
            }
            // A flow list or mapping left open is found where the text ends (or where a key follows it): the bracket that
            // opened it is where to look. Only for the errors YamlDotNet gives then, which name the flow's end or a key.
            if (e is not AnchorNotFoundException && (message.Contains("flow", StringComparison.OrdinalIgnoreCase) || message.Contains("expected ','", StringComparison.Ordinal))
                && UnclosedFlow(text) is { Bracket: not '\0' } unclosed && unclosed.Line + lineOffset <= line)
            {
                diagnostics.Add(Diagnostic.Error(syntaxCode, file, unclosed.Line + lineOffset, unclosed.Column, $"YAML syntax: this '{unclosed.Bracket}' is not closed"));
                return (reader, null);
            }
            diagnostics.Add(Diagnostic.Error(syntaxCode, file, Math.Max(line, 1), Math.Max((int)e.Start.Column, 1), "YAML syntax: " + message));
            return (reader, null);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way, without a position, on a flow list or mapping left open inside a
            // block mapping (`  tagline: [unclosed`): the opening bracket is found here.
            var (line, column, bracket) = UnclosedFlow(text);
            diagnostics.Add(Diagnostic.Error(syntaxCode, file, line + lineOffset, column,
                bracket == '\0' ? "YAML syntax: the text could not be read as YAML" : $"YAML syntax: this '{bracket}' is not closed"));
            return (reader, null);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return (reader, new Map(reader, new YamlMappingNode(), "the document"));
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            reader.TypeError(stream.Documents[0].RootNode, "the document", "a mapping of keys to values");
            return (reader, null);
        }
        return (reader, new Map(reader, root, "the document"));
    }

    // Where the first flow collection ('[' or '{') that is never closed opens, 1-based; (1, 1, '\0') when none is.
    // Quoted text and comments are skipped; a flow collection that spans lines is followed across them.
    private static (int Line, int Column, char Bracket) UnclosedFlow(string text)
    {
        var open = new Stack<(int Line, int Column, char Bracket)>();
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var s = lines[l];
            char? quote = null;
            for (var c = 0; c < s.Length; c++)
            {
                var ch = s[c];
                if (quote is { } q)
                {
                    if (ch == q) quote = null;
                    continue;
                }
                if (ch is '\'' or '"' && (c == 0 || s[c - 1] is ' ' or '[' or '{' or ',' or ':')) quote = ch;
                else if (ch == '#' && (c == 0 || s[c - 1] == ' ')) break;
                // A bracket opens a flow collection only where a value starts (after the indentation, "key: ", "- ", or
                // inside a flow); in the middle of plain text ("title: Ang Lv [draft") it is text.
                else if (ch is '[' or '{' && (open.Count > 0 || StartsValue(s, c))) open.Push((l + 1, c + 1, ch));
                else if (ch is ']' or '}' && open.Count > 0) open.Pop();
            }
        }
        return open.Count == 0 ? (1, 1, '\0') : open.Reverse().First();
    }

    // Whether position c of a line is where a value starts: only spaces before it, or "key:" / "-" and spaces.
    private static bool StartsValue(string line, int c)
    {
        var before = line.AsSpan(0, c).TrimEnd(' ');
        return before.IsEmpty || (c > before.Length && (before[^1] == ':' || before is ['-'] || before.TrimStart(' ') is ['-']));
    }

    // The first alias of a text whose anchor is not defined before it in its document, with its position.
    private static (string Value, Mark Start)? UndefinedAlias(string text)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            var anchors = new HashSet<string>(StringComparer.Ordinal);
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case YamlDotNet.Core.Events.DocumentStart:
                        anchors.Clear();
                        break;
                    case YamlDotNet.Core.Events.AnchorAlias alias when !anchors.Contains(alias.Value.Value):
                        return (alias.Value.Value, alias.Start);
                    case YamlDotNet.Core.Events.NodeEvent { Anchor.IsEmpty: false } node:
                        anchors.Add(node.Anchor.Value);
                        break;
                }
            }
        }
        catch (YamlException)
        {
        }
        return null;
    }

    private int Line(YamlNode node) => (int)node.Start.Line + _lineOffset;
    private int Column(YamlNode node) => (int)node.Start.Column;

    private void TypeError(YamlNode node, string what, string expected)
        => _diagnostics.Add(Diagnostic.Error(_typeCode, _file, Line(node), Column(node), $"{what} must be {expected}"));

    /// <summary>The line of a node in the file (front matter's lines counted from the file's first).</summary>
    public int LineOf(YamlNode node) => Line(node);

    /// <summary>Reports a problem with a value (an invalid URL, say) at the value's position.</summary>
    public void Invalid(YamlNode node, string code, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error)
        => _diagnostics.Add(new Diagnostic(severity, code, _file, Line(node), Column(node), message));

    /// <summary>A mapping being read; tracks which keys were asked for so the rest can be reported.</summary>
    public sealed class Map
    {
        private readonly YamlReader _reader;
        private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

        internal Map(YamlReader reader, YamlMappingNode node, string path)
        {
            _reader = reader;
            Node = node;
            Path = path;
        }

        /// <summary>The node.</summary>
        public YamlMappingNode Node { get; }

        /// <summary>Where this map is, for messages ("owner.links").</summary>
        public string Path { get; }

        /// <summary>The reader, to report value problems.</summary>
        public YamlReader Reader => _reader;

        private string Describe(string key) => Path == "the document" ? $"'{key}'" : $"'{Path}.{key}'";

        private YamlNode? Find(string key)
        {
            _asked.Add(key);
            foreach (var (k, v) in Node.Children)
            {
                if (k is YamlScalarNode { Value: { } name } && string.Equals(name, key, StringComparison.Ordinal)) return v;
            }
            return null;
        }

        /// <summary>The node of a key, or null.</summary>
        public YamlNode? Raw(string key) => Find(key);

        /// <summary>The node of a key itself (where the key is written), or null.</summary>
        public YamlNode? Key(string key)
        {
            _asked.Add(key);
            foreach (var (k, _) in Node.Children)
            {
                if (k is YamlScalarNode { Value: { } name } && string.Equals(name, key, StringComparison.Ordinal)) return k;
            }
            return null;
        }

        /// <summary>A string value; null when absent or null.</summary>
        public string? String(string key) => String(key, "text");

        /// <summary>
        /// A string value, with what a wrong type is told it must be (<paramref name="expected"/>: "a number or text" for a
        /// value YAML may read as a number, which any scalar's text is).
        /// </summary>
        public string? String(string key, string expected)
        {
            var node = Find(key);
            if (node is null || IsNull(node)) return null;
            if (node is YamlScalarNode s) return Text(s, Describe(key));
            _reader.TypeError(node, Describe(key), expected);
            return null;
        }

        // A text value. YAML's escapes write any character ("\x01", "\uFFFE"): one no text of a site holds (see
        // NotText) is an error at its value, as in a profile, not raw in a page or a feed that fails without saying where.
        private string? Text(YamlScalarNode node, string what)
        {
            if (node.Value is { } value && value.AsSpan().IndexOfAny(NotText) is >= 0 and var at)
            {
                _reader._diagnostics.Add(Diagnostic.Error(_reader._typeCode, _reader._file, _reader.Line(node), _reader.Column(node),
                    string.Create(CultureInfo.InvariantCulture, $"{what} has a character no text may hold (U+{(int)value[at]:X4}); delete it")));
            }
            return node.Value;
        }

        /// <summary>A boolean value.</summary>
        public bool? Bool(string key)
        {
            var node = Find(key);
            if (node is null || IsNull(node)) return null;
            if (node is YamlScalarNode { Value: { } v })
            {
                if (v is "true" or "True" or "TRUE" or "yes" or "on") return true;
                if (v is "false" or "False" or "FALSE" or "no" or "off") return false;
            }
            _reader.TypeError(node, Describe(key), "true or false");
            return null;
        }

        /// <summary>An integer value.</summary>
        public int? Int(string key)
        {
            var node = Find(key);
            if (node is null || IsNull(node)) return null;
            if (node is YamlScalarNode { Value: { } v } && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
            _reader.TypeError(node, Describe(key), "a whole number");
            return null;
        }

        /// <summary>A list of strings; a single string is taken as a list of one.</summary>
        public IReadOnlyList<(string Value, YamlNode Node)> StringList(string key)
        {
            var node = Find(key);
            if (node is null || IsNull(node)) return [];
            if (node is YamlScalarNode { Value: not null } single) return [(Text(single, Describe(key))!, node)];
            if (node is YamlSequenceNode seq)
            {
                var list = new List<(string, YamlNode)>();
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode { Value: not null } v) list.Add((Text(v, Describe(key))!, item));
                    else _reader.TypeError(item, $"each item of {Describe(key)}", "text");
                }
                return list;
            }
            _reader.TypeError(node, Describe(key), "a list of text values");
            return [];
        }

        /// <summary>A nested mapping, or null when absent.</summary>
        public Map? Child(string key)
        {
            var node = Find(key);
            if (node is null || IsNull(node)) return null;
            if (node is YamlMappingNode m) return new Map(_reader, m, Path == "the document" ? key : Path + "." + key);
            _reader.TypeError(node, Describe(key), "a mapping of keys to values");
            return null;
        }

        /// <summary>Every entry whose value is a string (for open-ended maps such as co-author homepages).</summary>
        public IEnumerable<(string Key, string Value, YamlNode Node, int Line, int Column)> StringEntries()
        {
            foreach (var (k, v) in Node.Children)
            {
                if (k is not YamlScalarNode { Value: { } name } key) continue;
                _asked.Add(name);
                Text(key, Describe(name));
                if (v is YamlScalarNode { Value: not null } value) yield return (name, Text(value, Describe(name))!, v, _reader.Line(k), _reader.Column(k));
                else _reader.TypeError(v, Describe(name), "text");
            }
        }

        /// <summary>Reports every key that was never asked for, as a warning with its line.</summary>
        public void ReportUnknownKeys(IEnumerable<string>? suggestions = null)
        {
            foreach (var (k, _) in Node.Children)
            {
                if (k is YamlScalarNode { Value: { } name } && !_asked.Contains(name))
                {
                    var known = string.Join(", ", (suggestions ?? _asked).Order(StringComparer.Ordinal));
                    _reader._diagnostics.Add(Diagnostic.Warning(_reader._unknownCode, _reader._file, _reader.Line(k), _reader.Column(k),
                        $"unknown key {Describe(name)} (known: {known}); it is ignored"));
                }
            }
        }

        // What no text holds (UnicodeText.NotText; a block's line breaks and tabs are text). Half a surrogate pair,
        // "\uD800", YAML's reader refuses itself.
        private static readonly System.Buffers.SearchValues<char> NotText = System.Buffers.SearchValues.Create(PortfolioGen.Text.UnicodeText.NotText);

        private static bool IsNull(YamlNode node)
            => node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) } s && (s.Value is null or "" or "~" or "null");
    }
}
