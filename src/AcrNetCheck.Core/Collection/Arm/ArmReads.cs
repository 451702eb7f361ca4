using System.Collections.Concurrent;
using AcrNetCheck.Core.Evidence;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// The reads of one run: each resource id or collection path is read at most once (later callers await the same task),
/// at most <see cref="MaxConcurrentReads"/> at a time, and every failure becomes a <see cref="CollectionError"/> naming the
/// resource, the status, ARM's error code and the RBAC action that would allow it. Never throws for a failed read.
/// </summary>
internal sealed class ArmReads(IArmReader reader, CancellationToken cancellationToken, TimeSpan timeout)
{
    /// <summary>Enough to run a registry's independent reads side by side; far below ARM's per-principal read limits.</summary>
    public const int MaxConcurrentReads = 12;

    private readonly SemaphoreSlim _slots = new(MaxConcurrentReads);
    private readonly ConcurrentDictionary<string, Lazy<Task<JObject?>>> _resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<JObject>?>>> _lists = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, JObject> _documents = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, List<string>> _listed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (string ApiVersion, JObject Document)> _atApiVersion = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<CollectionError> _errors = new();
    private int _requests;
    private int _depth;

    /// <summary>Reads sent (cache hits excluded).</summary>
    public int Reads => _requests;

    /// <summary>The longest chain of reads that each needed the one before.</summary>
    public int Depth => _depth;

    /// <summary>GET a resource, once per run. <paramref name="depth"/>: 1 for a read that needs nothing, else one more than the read it needed.</summary>
    public Task<JObject?> Get(string read, string resourceId, int depth)
    {
        var id = resourceId.TrimEnd('/');
        return _resources.GetOrAdd(id, _ => new(() => Run(read, id, depth, async token =>
        {
            var document = await reader.GetAsync(id, token).ConfigureAwait(false);
            _documents[id] = document;
            return document;
        }))).Value;
    }

    /// <summary>
    /// GET a resource again with another api-version than its pinned one, once per run, for the fields only that version
    /// returns. Kept apart from <see cref="Get"/>'s documents (the same id, another shape); a failure is recorded against
    /// <see cref="AtApiVersion"/>, so it is never taken for the pinned read's.
    /// </summary>
    public Task<JObject?> GetAtApiVersion(string read, string resourceId, string apiVersion, int depth)
    {
        var id = resourceId.TrimEnd('/');
        return _resources.GetOrAdd(AtApiVersion(id, apiVersion), key => new(() => Run(read, key, depth, async token =>
        {
            var document = await reader.GetAsync(id, apiVersion, token).ConfigureAwait(false);
            _atApiVersion[id] = (apiVersion, document);
            return document;
        }))).Value;
    }

    /// <summary>How a read at another api-version is named in collection errors: <c>{id}?api-version={version}</c>.</summary>
    public static string AtApiVersion(string resourceId, string apiVersion) => $"{resourceId.TrimEnd('/')}?api-version={apiVersion}";

    /// <summary>
    /// List a collection once per run; its members are kept as resources (so no later GET repeats them) and the list as
    /// their ids. <paramref name="keep"/> narrows what is kept (e.g. only privatelink zones of a subscription's zone list).
    /// </summary>
    public Task<IReadOnlyList<JObject>?> List(string read, string collectionPath, int depth, Func<JObject, bool>? keep = null) =>
        _lists.GetOrAdd(collectionPath, _ => new(() => Run(read, collectionPath, depth, async token =>
        {
            var members = (await reader.ListAsync(collectionPath, token).ConfigureAwait(false)).Where(keep ?? (_ => true)).ToList();
            var ids = new List<string>();
            foreach (var member in members)
            {
                if (member.Value<string>("id") is not { Length: > 0 } id) continue;
                ids.Add(id);
                _documents[id] = member;
                _resources.TryAdd(id.TrimEnd('/'), new(Task.FromResult<JObject?>(member)));
            }
            _listed[collectionPath] = ids;
            return (IReadOnlyList<JObject>)members;
        }))).Value;

    /// <summary>
    /// An ARM action that reads (<c>{nicId}/effectiveRouteTable</c>), once per run; its result is kept under the action's
    /// path like a resource, so <c>analyze</c> replays it. Refused, it names the action's permission (<c>…/effectiveRouteTable/action</c>).
    /// </summary>
    /// <param name="body">The action's parameters, when it takes any.</param>
    /// <param name="key">Where the result is kept and an error names it, when one action answers for several bodies (one check per destination).</param>
    public Task<JObject?> Post(string read, string actionPath, int depth, JObject? body = null, string? key = null) =>
        _resources.GetOrAdd(key ?? actionPath, at => new(() => Run(read, at, depth, async token =>
        {
            var document = await reader.PostLongRunningAsync(actionPath, body, token).ConfigureAwait(false);
            _documents[at] = document;
            return document;
        }, permission: ArmResourceType.Of(actionPath) + "/action"))).Value;

    /// <summary>Any other read (service tags), with the same accounting; the caller decides where its result goes.</summary>
    public Task<T?> Other<T>(string read, string path, int depth, Func<CancellationToken, Task<T>> call) where T : class =>
        Run(read, path, depth, call);

    /// <summary>Everything read, in a stable order (ids sorted, errors sorted), so two runs over the same state give equal bundles.</summary>
    public void WriteTo(EvidenceBundle bundle, string registryId, string apiVersion)
    {
        var arm = bundle.Arm ??= new ArmEvidence();
        arm.RegistryApiVersion = apiVersion;
        // ConcurrentDictionary.ToArray takes every lock: a snapshot taken while reads still land (a milestone's) must not
        // go through ICollection.CopyTo, which throws when an entry arrives between counting and copying.
        foreach (var (id, document) in _documents.ToArray().OrderBy(d => d.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (Evidence.Arm.ResourceId.AreEqual(id, registryId)) arm.Registry = document;
            else arm.Resources[id] = document;
        }
        if (_atApiVersion.TryGetValue(registryId.TrimEnd('/'), out var current))
            (arm.RegistryCurrentApiVersion, arm.RegistryCurrent) = current;
        foreach (var (path, ids) in _listed.ToArray().OrderBy(l => l.Key, StringComparer.OrdinalIgnoreCase))
            arm.Lists[path] = ids;
        bundle.CollectionErrors.AddRange(_errors.OrderBy(e => e.ResourceId, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Read, StringComparer.Ordinal));
    }

    public IEnumerable<JObject> Documents => _documents.Values;

    private async Task<T?> Run<T>(string read, string path, int depth, Func<CancellationToken, Task<T>> call, string? permission = null) where T : class
    {
        Interlocked.Increment(ref _requests);
        InterlockedMax(ref _depth, depth);
        var acquired = false;
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            acquired = true;
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (ArmReadException ex)
        {
            Record(read, path, ex.Status, ex.ErrorCode, ex.Message, permission ?? ArmResourceType.ReadPermission(path));
        }
        catch (OperationCanceledException)
        {
            // The run's deadline, or every retry of this read running out of time: no answer in time. (A Ctrl+C lands here
            // too; the collection runner rethrows it once the collectors return.)
            Record(read, path, null, "Timeout", $"no answer within --timeout {timeout.TotalSeconds:0.#} s", permission: null);
        }
        finally
        {
            if (acquired) _slots.Release();
        }
        return null;
    }

    /// <param name="permission">The RBAC action that would let the read succeed; none for a timeout, which no role assignment cures.</param>
    private void Record(string read, string path, int? status, string? code, string message, string? permission) => _errors.Enqueue(new CollectionError
    {
        Read = read,
        ResourceId = path,
        Status = status,
        ErrorCode = code,
        Message = message,
        RequiredPermission = permission,
    });

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
