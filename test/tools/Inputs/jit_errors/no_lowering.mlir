// Upstream input the conversion to vm has no pattern for (math.ipowi).
func.func @f(%a: i32, %b: i32) -> i32 {
  %c = math.ipowi %a, %b : i32
  return %c : i32
}
