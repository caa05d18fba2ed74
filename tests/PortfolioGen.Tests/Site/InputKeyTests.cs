using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>A cache key's lists are compared item by item, whatever their type.</summary>
public sealed class InputKeyTests
{
    [Fact]
    public void Fingerprint_and_name_arrays_compare_by_their_items()
    {
        Assert.Equal(new InputKey(new UInt128[] { 1, 2 }, new[] { "a", null }), new InputKey(new UInt128[] { 1, 2 }, new[] { "a", null }));
        Assert.NotEqual(new InputKey(new UInt128[] { 1, 2 }), new InputKey(new UInt128[] { 1, 3 }));
        Assert.NotEqual(new InputKey(new UInt128[] { 1, 2 }), new InputKey(new UInt128[] { 1, 2, 3 }));
        Assert.NotEqual(new InputKey((object)new[] { "a", null }), new InputKey((object)new[] { "a", "b" }));
        Assert.NotEqual(new InputKey((object)new[] { "a" }), new InputKey((object)new[] { "A" }));
        // A list of another type with the same items is still the same list.
        Assert.Equal(new InputKey(new UInt128[] { 1, 2 }), new InputKey(new List<UInt128> { 1, 2 }));
    }

    [Fact]
    public void Additions_that_differ_only_in_their_journal_differ()
    {
        // serve keeps a paper's page while its inputs are the same: an edited volume must make it again.
        var a = PaperAdditions.None with { Journal = new Journal("JMLR") { Volume = "25" } };
        Assert.Equal(new InputKey(a), new InputKey(a with { Journal = new Journal("JMLR") { Volume = "25" } }));
        Assert.NotEqual(new InputKey(a), new InputKey(a with { Journal = new Journal("JMLR") { Volume = "26" } }));
        Assert.NotEqual(new InputKey(a), new InputKey(PaperAdditions.None));
    }
}
