using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrNetCheck.Core.Collection.Http;

/// <summary>
/// Caps every response body read through an Azure.Core pipeline (ARM, Log Analytics, Resource Graph) at
/// <see cref="DefaultMaxBytes"/>. Azure.Core buffers each body in memory before the caller sees it, so an endless or
/// gigabyte answer would otherwise grow the process until it dies. Added before the transport, under the SDK's buffering:
/// a declared Content-Length over the cap fails at once, and a body that goes on past it fails when the cap is crossed,
/// with <see cref="ResponseTooLargeException"/> — a failed read like any other, recorded as a collection error.
/// </summary>
internal sealed class ResponseSizeLimitPolicy(long maxBytes = ResponseSizeLimitPolicy.DefaultMaxBytes) : HttpPipelinePolicy
{
    /// <summary>
    /// 32 MiB (documented in README "Limits"). The largest legitimate answers are a region's service-tag list (a few MB)
    /// and a 1,000-row Resource Graph page of registries (a few MB): ten times that is still far from any real answer.
    /// </summary>
    public const long DefaultMaxBytes = 32L * 1024 * 1024;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Limit(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Limit(message);
    }

    private void Limit(HttpMessage message)
    {
        var response = message.Response;
        if (response.ContentStream is not { } body) return;
        if (response.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            body.Dispose();
            throw new ResponseTooLargeException(response.Status, message.Request.Uri.Host ?? "the service", maxBytes);
        }
        response.ContentStream = new CappedStream(body, maxBytes, () => new ResponseTooLargeException(response.Status, message.Request.Uri.Host ?? "the service", maxBytes));
    }

    /// <summary>Reads through to <paramref name="inner"/> and throws once more than <paramref name="maxBytes"/> came out of it.</summary>
    private sealed class CappedStream(Stream inner, long maxBytes, Func<Exception> tooLarge) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > maxBytes) throw tooLarge();
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// A response body over <see cref="ResponseSizeLimitPolicy"/>'s cap. A <see cref="RequestFailedException"/> with the
/// response's status (not 0), so the retry policy does not ask again for the same oversized answer.
/// </summary>
internal sealed class ResponseTooLargeException(int status, string host, long maxBytes)
    : RequestFailedException(status, $"the response from {host} is larger than the {maxBytes / (1024 * 1024)} MiB limit for one response; not read", ErrorCodeValue, null)
{
    public const string ErrorCodeValue = "ResponseTooLarge";
}
