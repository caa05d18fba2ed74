using System.Collections.Concurrent;
using System.Threading.Channels;

namespace PortfolioGen.Serving;

/// <summary>
/// The server side of live reload: every open page holds a Server-Sent Events connection; after a
/// rebuild the server tells each one to reload, to swap a stylesheet, or to show (or clear) a build error.
/// </summary>
public sealed class LiveReload
{
    private readonly ConcurrentDictionary<Guid, Channel<(string Event, string Data)>> _clients = new();
    private (string Event, string Data)? _state;

    /// <summary>How many pages are connected.</summary>
    public int Clients => _clients.Count;

    /// <summary>Tells every page to reload.</summary>
    public void Reload()
    {
        _state = null;
        Broadcast("reload", "{}");
    }

    /// <summary>Tells every page to swap stylesheets (old href → new href) without reloading.</summary>
    public void SwapStylesheets(IReadOnlyDictionary<string, string> map)
    {
        _state = null;
        Broadcast("css", System.Text.Json.JsonSerializer.Serialize(map, PreviewJson.Default.IReadOnlyDictionaryStringString));
    }

    /// <summary>Shows a build error on every page, and on pages opened later, until a build succeeds.</summary>
    public void ShowError(IReadOnlyList<string> lines)
    {
        var data = System.Text.Json.JsonSerializer.Serialize(lines, PreviewJson.Default.IReadOnlyListString);
        _state = ("build-error", data);
        Broadcast("build-error", data);
    }

    /// <summary>The error pages should show when they connect, if the last build failed.</summary>
    public (string Event, string Data)? CurrentState => _state;

    private void Broadcast(string name, string data)
    {
        foreach (var client in _clients.Values) client.Writer.TryWrite((name, data));
    }

    /// <summary>Registers a connection; dispose the result when it closes.</summary>
    public (ChannelReader<(string Event, string Data)> Reader, IDisposable Registration) Connect()
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        _clients[id] = channel;
        return (channel.Reader, new Registration(() => _clients.TryRemove(id, out _)));
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    /// <summary>The script the server adds to every HTML page it serves (never written to the site).</summary>
    public const string Script = """
        // PortfolioGen live reload: added by `portfoliogen serve`, never part of the built site.
        (function () {
          "use strict";
          var banner = null;
          function show(lines) {
            if (!banner) {
              banner = document.createElement("div");
              banner.id = "portfoliogen-build-error";
              banner.setAttribute("role", "alert");
              banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;" +
                "margin:0;padding:12px 16px;background:#7f1d1d;color:#fff;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
              document.body.appendChild(banner);
            }
            banner.textContent = "The last rebuild failed; this page shows the last good site.\n\n" + lines.join("\n");
          }
          function hide() { if (banner) { banner.remove(); banner = null; } }
          var source = new EventSource("/__portfoliogen/events");
          source.addEventListener("reload", function () { window.location.reload(); });
          source.addEventListener("css", function (e) {
            var map = JSON.parse(e.data);
            document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
              var href = link.getAttribute("href");
              if (map[href]) { link.setAttribute("href", map[href]); }
            });
            hide();
          });
          source.addEventListener("build-error", function (e) { show(JSON.parse(e.data)); });
          source.addEventListener("ok", hide);
        })();
        """;
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class PreviewJson : System.Text.Json.Serialization.JsonSerializerContext;
