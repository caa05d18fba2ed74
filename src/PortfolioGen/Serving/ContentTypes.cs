using System.Collections.Frozen;

namespace PortfolioGen.Serving;

/// <summary>The content types the preview server (and the deploy configurations) use for a site's files.</summary>
public static class ContentTypes
{
    private static readonly FrozenDictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".xml"] = "application/xml; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".md"] = "text/markdown; charset=utf-8",
        [".bib"] = "application/x-bibtex; charset=utf-8",
        [".ris"] = "application/x-research-info-systems; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".ico"] = "image/x-icon",
        [".pdf"] = "application/pdf",
        [".woff2"] = "font/woff2",
        [".woff"] = "font/woff",
        [".ttf"] = "font/ttf",
        [".otf"] = "font/otf",
        [".webmanifest"] = "application/manifest+json",
        [".wasm"] = "application/wasm",
        [".mp4"] = "video/mp4",
        [".webm"] = "video/webm",
        [".mp3"] = "audio/mpeg",
        [".zip"] = "application/zip",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The content type of a site path; <c>feed.xml</c> is Atom.</summary>
    public static string For(string path)
    {
        if (path.EndsWith("feed.xml", StringComparison.OrdinalIgnoreCase)) return "application/atom+xml; charset=utf-8";
        return ByExtension.TryGetValue(Path.GetExtension(path), out var type) ? type : "application/octet-stream";
    }

    /// <summary>Every extension with a known type.</summary>
    public static IReadOnlyDictionary<string, string> All => ByExtension;
}
