using System.Text;

namespace PortfolioGen.Tests.Specs;

/// <summary>
/// Reads spec files in the manner of Markdig's spec tests: prose in Markdown, and examples fenced by
/// a line of 32 backticks followed by <c>example</c>; the input and the expected output are separated
/// by a line holding a single dot. <c>→</c> in an example stands for a tab, <c>␍</c> for a carriage return,
/// <c>␄</c> at the very end of the input means "no final newline", and a leading <c>﻿</c> (U+FEFF) is kept.
/// </summary>
public static class SpecFile
{
    private const string Fence = "````````````````````````````````";

    public sealed record Example(string File, int Number, int Line, string Section, string Input, string Expected)
    {
        public override string ToString() => $"{Path.GetFileName(File)} example {Number} (line {Line}, {Section})";
    }

    public static IReadOnlyList<Example> Read(string path)
    {
        var lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
        var examples = new List<Example>();
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith('#'))
            {
                section = line.TrimStart('#').Trim();
                continue;
            }
            if (line != Fence + " example")
            {
                continue;
            }
            var start = i + 1;
            var input = new StringBuilder();
            var expected = new StringBuilder();
            var target = input;
            for (i++; i < lines.Length && lines[i] != Fence; i++)
            {
                if (lines[i] == "." && ReferenceEquals(target, input))
                {
                    target = expected;
                    continue;
                }
                target.Append(lines[i]).Append('\n');
            }
            examples.Add(new Example(path, examples.Count + 1, start, section, Decode(input.ToString()), Decode(expected.ToString())));
        }
        return examples;
    }

    private static string Decode(string text)
    {
        text = text.Replace('→', '\t').Replace("␍", "\r");
        if (text.EndsWith("␄\n", StringComparison.Ordinal))
        {
            text = text[..^2];
        }
        return text;
    }
}

/// <summary>
/// Rewrites the expected side of a spec file's examples from actual outputs. Run the spec tests with
/// <c>PG_SPEC_UPDATE=1</c> after a deliberate change, then review the diff like any other change.
/// </summary>
public static class SpecUpdater
{
    private static readonly object Gate = new();

    public static bool Enabled => Environment.GetEnvironmentVariable("PG_SPEC_UPDATE") == "1";

    public static void Update(SpecFile.Example example, string actual)
    {
        lock (Gate)
        {
            var lines = File.ReadAllText(example.File).Replace("\r\n", "\n").Split('\n').ToList();
            var start = example.Line; // first input line (1-based line after the fence) as a 0-based index
            var dot = lines.FindIndex(start, l => l == ".");
            var end = lines.FindIndex(dot, l => l == "````````````````````````````````");
            var encoded = actual.Replace("\t", "→").Replace("\r", "␍");
            var newLines = encoded.EndsWith('\n') ? encoded[..^1].Split('\n') : (encoded + "␄").Split('\n');
            if (actual.Length == 0) newLines = [];
            lines.RemoveRange(dot + 1, end - dot - 1);
            lines.InsertRange(dot + 1, newLines);
            File.WriteAllText(example.File, string.Join('\n', lines));
        }
    }
}
