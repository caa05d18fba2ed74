using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PortfolioGen.Text;

/// <summary>
/// Writes small JSON documents (a paper's JSON-LD, its CSL-JSON) to strings with one buffer and one
/// <see cref="Utf8JsonWriter"/> per thread, reset between documents, instead of a new stream, writer and
/// growing array for each of 10,000 papers.
/// </summary>
public sealed class JsonText(JsonWriterOptions options)
{
    private sealed class State(JsonWriterOptions options)
    {
        public readonly ArrayBufferWriter<byte> Buffer = new(4096);
        public readonly Utf8JsonWriter Writer = new(Stream.Null, options);
        public bool InUse;
    }

    private readonly ThreadLocal<State> _state = new(() => new State(options));

    /// <summary>The JSON <paramref name="write"/> writes, as a string.</summary>
    public string Write(Action<Utf8JsonWriter> write) => Run(write, default, static json => Encoding.UTF8.GetString(json));

    /// <summary>The JSON <paramref name="write"/> writes, then <paramref name="suffix"/>, as UTF-8 bytes (one array, no string on the way).</summary>
    public byte[] WriteUtf8(Action<Utf8JsonWriter> write, ReadOnlySpan<byte> suffix) => Run(write, suffix, static json => json.ToArray());

    private delegate T Finish<T>(ReadOnlySpan<byte> json);

    // Writes into this thread's buffer (or, when a write on this thread is already under way, a fresh one), adds the
    // suffix and hands the bytes to finish while they are still the buffer's.
    private T Run<T>(Action<Utf8JsonWriter> write, ReadOnlySpan<byte> suffix, Finish<T> finish)
    {
        var state = _state.Value!;
        if (state.InUse)
        {
            var buffer = new ArrayBufferWriter<byte>(2048);
            using (var writer = new Utf8JsonWriter(buffer, options)) write(writer);
            buffer.Write(suffix);
            return finish(buffer.WrittenSpan);
        }
        state.InUse = true;
        try
        {
            state.Buffer.ResetWrittenCount();
            state.Writer.Reset(state.Buffer);
            write(state.Writer);
            state.Writer.Flush();
            state.Buffer.Write(suffix);
            return finish(state.Buffer.WrittenSpan);
        }
        finally
        {
            // A writer left mid-document by an exception is reset by the next write.
            state.InUse = false;
        }
    }
}
