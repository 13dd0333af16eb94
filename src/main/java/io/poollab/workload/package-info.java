/**
 * The work the lab measures: word lists (loaded, or generated as a stand-in), SHA-512 word
 * hashing, a CPU-bound task of tunable cost, IO-bound tasks (a sleep, and a request over a
 * loopback socket), and the serial baseline that runs the same task functions in a plain loop.
 *
 * <pre>{@code
 * List<String> words = WordList.load(DefaultDataset.resolve(Path.of("datasets")));
 * List<String> hashes = SerialBaseline.map(WordHasher::sha512Hex, words);
 * }</pre>
 */
package io.poollab.workload;
