using System.Collections.Concurrent;
using System.Threading.Channels;

namespace PortfolioGen.Serving;

/// <summary>
/// The server side of live reload: every open page holds a Server-Sent Events connection; after a
/// rebuild the server tells each one to reload, to swap a stylesheet, to go to the page's new place (a title edit moved
/// it), or to show (or clear) a build error.
/// </summary>
public sealed class LiveReload
{
    private readonly ConcurrentDictionary<Guid, Client> _clients = new();

    // An open page: its events, and the site file it shows (its destination, index.html for a folder), when it said.
    // A page sent to its new place is told nothing more: a reload would take it back to the old one.
    private sealed record Client(Channel<(string Event, string Data)> Channel, string? Page)
    {
        public volatile bool Moved;
    }
    private (string Event, string Data)? _state;

    /// <summary>How many pages are connected.</summary>
    public int Clients => _clients.Count;

    /// <summary>Tells every page to reload.</summary>
    public void Reload()
    {
        _state = null;
        Broadcast("reload", "{}");
    }

    /// <summary>
    /// Tells the pages that show a file <paramref name="which"/> picks (by destination: <c>papers/x/index.html</c>; null
    /// for a page that did not say) to reload, and no others.
    /// </summary>
    public void Reload(Func<string?, bool> which)
    {
        foreach (var client in _clients.Values)
        {
            if (!client.Moved && which(client.Page)) client.Channel.Writer.TryWrite(("reload", "{}"));
        }
    }

    /// <summary>
    /// Sends the pages that show a file that moved (by destination, a key of <paramref name="moves"/>) to its new place
    /// (the value: the URL path to go to, e.g. <c>/papers/new-title/</c>), in place of reloading them into a missing page.
    /// </summary>
    public void Move(IReadOnlyDictionary<string, string> moves)
    {
        foreach (var client in _clients.Values) MoveIfOn(client, moves);
    }

    private static void MoveIfOn(Client client, IReadOnlyDictionary<string, string> moves)
    {
        if (client.Page is { } page && moves.TryGetValue(page, out var to) && !client.Moved)
        {
            client.Moved = true;
            client.Channel.Writer.TryWrite(("move", System.Text.Json.JsonSerializer.Serialize(to, PreviewJson.Default.String)));
        }
    }

    private volatile IReadOnlyDictionary<string, string> _redirects = new Dictionary<string, string>();

    /// <summary>
    /// Pages the site does not have that a browser may still be on its way to (one sent to a page shown ahead at a new
    /// place, which the rebuild then did not write): by destination, the URL path to send it to instead. Pages on them
    /// are moved now (see <see cref="Move"/>), as are pages that connect from them later, and the server redirects
    /// requests for them while the site has no such file, until the next call replaces the map.
    /// </summary>
    public void Redirect(IReadOnlyDictionary<string, string> redirects)
    {
        _redirects = redirects;
        Move(redirects);
    }

    /// <summary>Where a request for a destination the site lacks should go instead (see <see cref="Redirect"/>), or null.</summary>
    public string? RedirectFor(string destination) => _redirects.TryGetValue(destination, out var to) ? to : null;

    /// <summary>The files the connected pages show (by destination), each once; pages that did not say, or were sent elsewhere, are left out.</summary>
    public IReadOnlySet<string> Pages => _clients.Values.Where(c => !c.Moved).Select(c => c.Page).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>Tells every page to swap stylesheets (old href → new href) without reloading.</summary>
    public void SwapStylesheets(IReadOnlyDictionary<string, string> map)
    {
        _state = null;
        Broadcast("css", System.Text.Json.JsonSerializer.Serialize(map, PreviewJson.Default.IReadOnlyDictionaryStringString));
    }

    private volatile IReadOnlyDictionary<string, byte[]> _ahead = new Dictionary<string, byte[]>();

    /// <summary>
    /// Serves <paramref name="pages"/> (bytes by destination) in place of the site's files until <see cref="EndAhead"/>,
    /// and tells the pages that show them to reload: a rebuild's first pages, made while it makes the rest. Pages that
    /// show a file that moved are sent to its new place (see <see cref="Move"/>), which is among the pages.
    /// </summary>
    public void ShowAhead(IReadOnlyDictionary<string, byte[]> pages, IReadOnlyDictionary<string, string>? moves = null)
    {
        _ahead = pages;
        if (moves is { Count: > 0 }) Move(moves);
        Reload(page => page is not null && pages.ContainsKey(page));
    }

    /// <summary>The page shown ahead of the rebuild at a destination, or null.</summary>
    public byte[]? AheadPage(string destination) => _ahead.TryGetValue(destination, out var bytes) ? bytes : null;

    /// <summary>Stops serving the pages shown ahead (the rebuild is written, or failed) and returns them.</summary>
    public IReadOnlyDictionary<string, byte[]> EndAhead()
    {
        var shown = _ahead;
        _ahead = new Dictionary<string, byte[]>();
        return shown;
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
        foreach (var client in _clients.Values)
        {
            if (!client.Moved) client.Channel.Writer.TryWrite((name, data));
        }
    }

    /// <summary>
    /// Registers a connection, from a page that shows the site file <paramref name="page"/> (its destination) when it
    /// said which; dispose the result when it closes.
    /// </summary>
    public (ChannelReader<(string Event, string Data)> Reader, IDisposable Registration) Connect(string? page = null)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        var client = new Client(channel, page);
        _clients[id] = client;
        // A page that loaded just before its place was given up.
        MoveIfOn(client, _redirects);
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
          // The page says which it is, so that the server can render it first after an edit.
          var source = new EventSource("/__portfoliogen/events?page=" + encodeURIComponent(window.location.pathname));
          source.addEventListener("reload", function () { window.location.reload(); });
          // A title edit moved this paper's page: go to its new place (the old one is gone), keeping query and fragment.
          source.addEventListener("move", function (e) { source.close(); window.location.replace(JSON.parse(e.data) + window.location.search + window.location.hash); });
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
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class PreviewJson : System.Text.Json.Serialization.JsonSerializerContext;
