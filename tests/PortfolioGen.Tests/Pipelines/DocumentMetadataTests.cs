using PortfolioGen.Pipelines;
using Xunit;

namespace PortfolioGen.Tests.Pipelines;

public class DocumentMetadataTests
{
    [Fact]
    public void Setting_copies_and_leaves_the_original_as_it_was()
    {
        var a = DocumentMetadata.Empty.SetItem("title", "A");
        var b = a.SetItem("title", "B").SetItem("date", 2024);
        Assert.Equal("A", a["title"]);
        Assert.Single(a);
        Assert.Equal(["title", "date"], b.Keys);
        Assert.Equal("B", b["title"]);
        Assert.Equal(2024, b["date"]);
    }

    [Fact]
    public void Keys_compare_by_content_not_only_by_reference()
    {
        var key = new string("title".ToCharArray());
        var m = DocumentMetadata.Empty.SetItem("title", "A");
        Assert.True(m.TryGetValue(key, out var v));
        Assert.Equal("A", v);
        Assert.Single(m.SetItem(key, "B"));
        Assert.False(m.ContainsKey("Title"));
    }

    [Fact]
    public void Setting_the_same_value_returns_the_same_metadata_and_the_same_document()
    {
        var value = new object();
        var doc = Document.Create("a.html", DocumentContent.Empty, null, [new("k", value)]);
        Assert.Same(doc, doc.With("k", value));
        Assert.NotSame(doc, doc.With("k", new object()));
    }

    [Fact]
    public void From_and_set_items_keep_the_last_value_of_a_repeated_key_in_first_place()
    {
        var m = DocumentMetadata.From([new("a", 1), new("b", 2), new("a", 3)]);
        Assert.Equal([new("a", (object)3), new("b", (object)2)], m);
        var n = m.SetItems([new("c", 4), new("b", 5)]);
        Assert.Equal([new("a", (object)3), new("b", (object)5), new("c", (object)4)], n);
    }

    [Fact]
    public void Remove_takes_one_key_and_keeps_the_order_of_the_others()
    {
        var m = DocumentMetadata.From([new("a", 1), new("b", 2), new("c", 3)]);
        Assert.Equal(["a", "c"], m.Remove("b").Keys);
        Assert.Same(m, m.Remove("z"));
        Assert.Throws<KeyNotFoundException>(() => m.Remove("a")["a"]);
    }
}
