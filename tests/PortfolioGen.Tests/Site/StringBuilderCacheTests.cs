using PortfolioGen.Text;
using Xunit;

namespace PortfolioGen.Tests.Site;

public sealed class StringBuilderCacheTests
{
    [Fact]
    public void UTF8_from_a_builder_is_the_strings_UTF8_even_with_a_pair_split_between_chunks()
    {
        // A fresh builder of 16 characters grows by chunks: "😀" (two UTF-16 units) lands across the first boundary.
        foreach (var text in new[] { "", "abc", "é ü ß — ∑", new string('a', 15) + "😀" + new string('b', 40) + "😀é", "x\r\n\0" })
        {
            var sb = new System.Text.StringBuilder(16).Append(text);
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), StringBuilderCache.GetUtf8AndRelease(sb));
            var cached = StringBuilderCache.Acquire(4096).Append(text);
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), StringBuilderCache.GetUtf8AndRelease(cached));
        }
    }

    [Fact]
    public void Nested_acquires_get_different_builders_and_both_are_reused()
    {
        // Runs on its own thread: the cache is per thread, and other tests on this thread may hold builders.
        var thread = new Thread(() =>
        {
            var outer = StringBuilderCache.Acquire();
            outer.Append("outer");
            var inner = StringBuilderCache.Acquire();
            Assert.NotSame(outer, inner);
            inner.Append("inner");
            Assert.Equal("inner", StringBuilderCache.GetStringAndRelease(inner));
            Assert.Equal("outer", StringBuilderCache.GetStringAndRelease(outer));

            var again = new[] { StringBuilderCache.Acquire(), StringBuilderCache.Acquire() };
            Assert.Contains(outer, again);
            Assert.Contains(inner, again);
            Assert.All(again, sb => Assert.Equal(0, sb.Length));
        });
        thread.Start();
        thread.Join();
    }

    [Fact]
    public void A_short_use_takes_the_smallest_builder_that_fits()
    {
        var thread = new Thread(() =>
        {
            var large = StringBuilderCache.Acquire(16_000);
            var small = StringBuilderCache.Acquire(300);
            StringBuilderCache.Release(large);
            StringBuilderCache.Release(small);
            Assert.Same(small, StringBuilderCache.Acquire());
            Assert.Same(large, StringBuilderCache.Acquire(10_000));
        });
        thread.Start();
        thread.Join();
    }

    [Fact]
    public void A_builder_grown_past_the_limit_is_not_kept()
    {
        var thread = new Thread(() =>
        {
            var big = StringBuilderCache.Acquire();
            big.Append('x', 200_000);
            StringBuilderCache.GetStringAndRelease(big);
            for (var i = 0; i < 8; i++) Assert.NotSame(big, StringBuilderCache.Acquire());
        });
        thread.Start();
        thread.Join();
    }
}
