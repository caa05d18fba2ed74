using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>A figure's label without a number the format reads is a malformed figure.</summary>
public class MalformedFigureTests
{
    [Theory]
    [InlineData("h-indexabc", "p.txt(4,1): error PG0012: the h-index figure 'h-indexabc' is malformed; write it as h-index17")]
    [InlineData("Novelty59", "p.txt(4,1): error PG0012: the novelty figure 'Novelty59' is malformed; write it as Novelty59%")]
    [InlineData("AI Score", "p.txt(4,1): error PG0012: the AI score figure 'AI Score' is malformed; write it as AI Score51")]
    [InlineData("21paperz", "p.txt(4,1): error PG0012: the papers figure '21paperz' is malformed; write it as 21papers")]
    [InlineData("58x7citations", "p.txt(4,1): error PG0012: the citations figure '58x7citations' is malformed; write it as 587citations")]
    public void A_malformed_figure_is_reported_as_one(string line, string expected)
    {
        var r = ProfileParser.Parse(BadInput.With(4, line), "p.txt");
        Assert.Equal(expected, BadInput.Errors(r));
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.DuplicateHeaderValue);
    }
}
