using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>The order of the co-author list (the co-author index, <c>parse</c>): most papers first, then by name.</summary>
public class CoAuthorOrderTests
{
    [Fact]
    public void Names_with_diacritics_sort_with_their_letters_not_after_z()
    {
        // Ordinal order put "María" after "Mary" and "İlknur", "Şükrü", "Łukasz" after "Wang".
        var r = ProfileParser.Parse(
            "Ada Researcher\n\nCLJun 29, 2023\nA Title\n\n"
            + "Ada Researcher, Wang Wei, Şükrü Çağlayan, Mary Smith, İlknur Öztürk, María de la Cruz, Łukasz Nowak, Lê Văn Thịnh, Ludwig van Beethoven, Émile Zola, Eve Adams\n\nAn abstract.\n",
            "p.txt");
        Assert.Empty(r.Diagnostics);
        Assert.Equal(
            ["Émile Zola", "Eve Adams", "İlknur Öztürk", "Lê Văn Thịnh", "Ludwig van Beethoven", "Łukasz Nowak", "María de la Cruz", "Mary Smith", "Şükrü Çağlayan", "Wang Wei"],
            r.Profile!.CoAuthors.Select(c => c.Name).ToArray());
    }

    [Fact]
    public void More_papers_together_still_come_first()
    {
        var r = ProfileParser.Parse(
            "Ada Researcher\n\nCLJun 29, 2023\nA Title\n\nAda Researcher, Zoë Brown, Ängel Ruiz\n\n"
            + "CLJun 30, 2023\nAnother Title\n\nAda Researcher, Zoë Brown\n",
            "p.txt");
        Assert.Equal(["Zoë Brown", "Ängel Ruiz"], r.Profile!.CoAuthors.Select(c => c.Name).ToArray());
    }
}
