using System.Text;
using System.Text.Json;
using PortfolioGen.Text;
using Xunit;

namespace PortfolioGen.Tests.Site;

public sealed class JsonTextTests
{
    private static readonly JsonText Json = new(new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n" });

    [Fact]
    public void A_write_inside_a_write_on_the_same_thread_gets_its_own_buffer()
    {
        string? inner = null;
        byte[]? innerBytes = null;
        var outer = Json.Write(w =>
        {
            w.WriteStartObject();
            // Made while the thread's buffer holds the outer document.
            inner = Json.Write(i => i.WriteStringValue("in"));
            innerBytes = Json.WriteUtf8(i => i.WriteNumberValue(7), "\n"u8);
            w.WriteString("inner", inner);
            w.WriteEndObject();
        });
        Assert.Equal("\"in\"", inner);
        Assert.Equal("7\n"u8.ToArray(), innerBytes);
        Assert.Equal("{\n  \"inner\": \"\\u0022in\\u0022\"\n}", outer);
        // And the thread's buffer is whole again for the next write.
        Assert.Equal(Encoding.UTF8.GetBytes("[\n  1\n]\n"), Json.WriteUtf8(w => { w.WriteStartArray(); w.WriteNumberValue(1); w.WriteEndArray(); }, "\n"u8));
    }
}
