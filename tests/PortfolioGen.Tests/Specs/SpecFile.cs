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

    /// <summary>The directory holding the spec files, found from the test assembly's location.</summary>
    public static string Directory([System.Runtime.CompilerServices.CallerFilePath] string here = "")
        => Path.GetDirectoryName(here)!;

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
